"""nbgrader settings for running the course from this folder.

Teachers who create their own course directory with ``python -m autograder init``
get a copy of this file there. See README.md, "For teachers".
"""
c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

# Course id shown in the formgrader and used by the exchange.
c.CourseDirectory.course_id = "satisfaction-101"
# Instructor assignments live in source/; the released student copies in exercises/.
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "exercises"
# The gradebook: SQLite file beside this config by default; set a PostgreSQL URL to share one.
c.CourseDirectory.db_url = "sqlite:///gradebook.db"
# Data files shipped with each assignment travel with the notebooks.
c.CourseDirectory.include = ["*.ipynb", "*.csv"]
# Seconds a single cell may run during autograding before it is stopped.
c.ExecutePreprocessor.timeout = 60
c.Execute.timeout = 60
# Answer placeholders in each notebook's language (# 在此作答 in zh-CN, # YOUR CODE HERE in en).
from autograder.authoring.stubs import use_edition_stubs  # noqa: E402

use_edition_stubs(c)
