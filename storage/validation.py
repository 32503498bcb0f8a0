"""Input checks shared by the storage modules. They raise Invalid with a code; `what` is the
field's code (the front end words it: `field_<what>`)."""

from storage.errors import Invalid

MAX_COUNT = 10_000

ROLES = ("opdrachtgever", "opdrachtnemer", "anders")


def clean_text(value: str | None) -> str | None:
    """Strip whitespace; blank means 'not given' so it is stored as NULL."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def required_text(value: str | None, what: str) -> str:
    cleaned = clean_text(value)
    if cleaned is None:
        raise Invalid("text_empty", what=what)
    return cleaned


def count(value: int, what: str) -> int:
    # bool is an int subclass; True jobs is a bug upstream, not a number
    if not isinstance(value, int) or isinstance(value, bool):
        raise Invalid("count_not_integer", what=what, value=value)
    if not 0 <= value <= MAX_COUNT:
        raise Invalid("count_out_of_range", what=what, value=value, most=MAX_COUNT)
    return value


def role(value: str) -> str:
    if value not in ROLES:
        raise Invalid("role_unknown", value=value, choices=", ".join(ROLES))
    return value
