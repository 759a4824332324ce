"""`signpost serve`: the preview server and the quick rebuild."""
