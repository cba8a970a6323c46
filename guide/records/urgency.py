"""How urgent a warning sign is, and one level for each sign everywhere.

A warning sign, such as fainting during exercise or being sick after a knock
to the head, can be listed in more than one place: in a safety callout's
signs (data/safety.yml) and in a condition page's warning signs
(data/red-flags.yml). A reader who meets the same sign on two pages must be
told to do the same thing on both. Each place names the sign by an id, and
the sign must have the same action wherever its id appears: a page that
sets it lower than another (stop and rest where the stop signs say call an
emergency number) is an error naming both places.
"""

from __future__ import annotations

from dataclasses import dataclass

# What to do, most urgent first. The texts readers see are in
# guide/content/signs.py.
ACTIONS = ("call", "emergency", "same-day", "stop", "gp")
# The actions that need an emergency number or A&E: a box or callout with
# one of them is drawn as an emergency.
URGENT = frozenset({"call", "emergency"})


@dataclass(frozen=True)
class Place:
    """One place that gives a sign an action."""

    where: str      # "data/red-flags.yml:155: entry 'treadmill'", as errors name it
    sign_id: str
    action: str


def rank(action: str) -> int:
    """0 for the most urgent action; an action the schema refused sorts last."""
    return ACTIONS.index(action) if action in ACTIONS else len(ACTIONS)


def level_problems(places: list[Place]) -> list[str]:
    """One line for each place that sets a sign lower than another place does."""
    most_urgent: dict[str, Place] = {}
    for place in places:
        top = most_urgent.get(place.sign_id)
        if top is None or rank(place.action) < rank(top.action):
            most_urgent[place.sign_id] = place
    return [f"{place.where}: sign '{place.sign_id}' is set to '{place.action}' here, but to "
            f"'{most_urgent[place.sign_id].action}' at {most_urgent[place.sign_id].where}; the same sign is "
            f"never set lower in one place than in another (raise it to "
            f"'{most_urgent[place.sign_id].action}', or, if it is a different sign, give it an id of its own)"
            for place in places if rank(place.action) > rank(most_urgent[place.sign_id].action)]
