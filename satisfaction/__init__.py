"""Customer Satisfaction Management (客户满意管理): the course's models, data and widgets.

Pure, vectorised functions over scalars, numpy arrays and pandas objects; each
names the seed concept it implements. Bad input raises ``ValueError`` saying
what was wrong and what is allowed.

Each name is loaded when it is first used (Scientific Python's SPEC 1, by
``lazy_loader``): ``import satisfaction`` alone loads neither pandas nor numpy,
so what needs only the course's words (:mod:`satisfaction.terms`, the teacher's
commands) starts fast, and ``satisfaction.kano_category`` or ``from satisfaction
import kano_category`` work as ever.
"""
import lazy_loader as lazy

__version__ = "0.1.0"

#: Each public name, by the module it lives in.
_NAMES = {
    "analysis": ["importance_performance", "pareto", "response_time_stats"],
    # Checking and scoring the exercises' judgement answers (per-item credit).
    "answers": ["check_choices", "check_labels", "check_number", "score_choices", "score_labels"],
    "complaints": ["COMPLAINT_STEPS", "FIVE_GAPS", "check_reply", "check_step_order"],
    "expectation": ["expectation_gap", "expectation_path", "satisfaction_index", "scale_label",
                    "update_expectation", "verdict"],
    "kano": ["kano_category", "kano_coefficients", "kano_summary"],
    "servqual": ["DIMENSIONS", "ServqualResult", "servqual_gaps"],
    "terms": ["label", "labels"],
    "value": ["COMMUNICATION_SHARES", "LOST_BUT_SATISFIED_SHARE", "NEVER_COMPLAIN_SHARE",
              "POSITIVE_TO_UNDO_NEGATIVE", "REFERRALS_PER_100_SATISFIED", "REMEDY_EXTRA_COST",
              "SILENT_PER_COMPLAINT", "delivered_value", "lifetime_value", "revenue_at_risk",
              "silent_dissatisfied", "value_ratio"],
}

__getattr__, __dir__, _ = lazy.attach(__name__, submodules=list(_NAMES), submod_attrs=_NAMES)
__all__ = sorted(name for names in _NAMES.values() for name in names)
del _
