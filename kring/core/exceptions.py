class EditConflict(Exception):
    """Someone else saved the same object since this edit began; nothing was overwritten."""
