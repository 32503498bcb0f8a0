"""Input checks shared by the storage modules; they raise Invalid with a readable message."""

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
        raise Invalid(f"{what} mag niet leeg zijn.")
    return cleaned


def count(value: int, what: str) -> int:
    # bool is an int subclass; True jobs is a bug upstream, not a number
    if not isinstance(value, int) or isinstance(value, bool):
        raise Invalid(f"{what} moet een geheel getal zijn, niet {value!r}.")
    if not 0 <= value <= MAX_COUNT:
        raise Invalid(f"{what} moet tussen 0 en {MAX_COUNT} liggen, niet {value}.")
    return value


def role(value: str) -> str:
    if value not in ROLES:
        raise Invalid(f"Onbekende rol {value!r}; kies uit {', '.join(ROLES)}.")
    return value
