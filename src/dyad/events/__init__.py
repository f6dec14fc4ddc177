"""PLACEHOLDER: replaced by the owner of this stage."""


class Events:
    name = "events"

    def __init__(self, kb=None):
        self.kb = kb

    def __call__(self, doc) -> None:
        pass
