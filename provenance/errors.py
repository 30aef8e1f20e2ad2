"""The project's own exceptions. Only the CLI turns them into exit codes."""


class ProvenanceError(Exception):
    """Base class: the message names the thing, the problem and the fix."""


class IngestError(ProvenanceError):
    """An input could not be read as articles."""

    def __init__(self, path: str, problem: str, fix: str = "") -> None:
        self.path = path
        self.problem = problem
        self.fix = fix
        message = f"{path}: {problem}"
        if fix:
            message += f" ({fix})"
        super().__init__(message)


class StoreError(ProvenanceError):
    """The database could not be read or written."""
