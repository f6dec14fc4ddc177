"""PLACEHOLDER: replaced by the owner of this stage."""


class Extract:
    name = "extract"

    def __init__(self, kb=None):
        self.kb = kb

    def __call__(self, doc) -> None:
        if doc.input.get("error"):
            doc.fail(doc.input["error"])
            return
        doc.text = doc.input.get("text") or ""
