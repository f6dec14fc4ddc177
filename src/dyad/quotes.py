"""PLACEHOLDER: replaced by the owner of this stage."""


class Quotes:
    name = "quotes"

    def __init__(self, kb=None):
        self.kb = kb

    def __call__(self, doc) -> None:
        pass
