"""The lesson model and site pages as read from the project: lessons, blocks, the schema,
translation status, new-lesson skeletons.
"""
