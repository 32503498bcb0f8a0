"""Progress v2 through the real Application: net jobs, candidates as a stock, activities,
knelpunten that get solved, lessons, and withdrawing with confirmation."""

from __future__ import annotations

from storage.knelpunten import knelpunten
from storage.proeftuinen import find_proeftuin
from storage.progress import progress
from tests.bot.conftest import ANNA


async def _save(world, text: str) -> list:
    """As /update: a message without figures would first be asked about (question or update)."""
    calls = await world.send(ANNA, f"/update {text}")
    await world.press(ANNA, world.button(ANNA.id, "Opslaan"))
    return calls


def _progress(world):
    return progress(world.db, find_proeftuin(world.db, "Schoonmaak").id)


async def test_starts_and_dropouts_count_net(world):
    calls = await world.send(ANNA, "drie nieuwe medewerkers gestart, 1 uitgevallen")
    assert "Gestart in een baan: <b>3</b>" in calls[-1].text
    assert "Baan beëindigd (uitval): <b>1</b>" in calls[-1].text
    await world.press(ANNA, world.button(ANNA.id, "Opslaan"))
    assert "staat nu op 2 van 10 banen (netto)" in world.last_text(ANNA.id)
    await _save(world, "3 gestart en 1 uitgevallen, dus netto 2 banen erbij")
    totals = _progress(world).totals
    assert (totals.jobs_realised, totals.jobs_ended, totals.net_jobs) == (6, 2, 4)
    calls = await world.send(ANNA, "/voortgang")
    assert "Banen: <b>4</b> van 10 (40%), netto: 6 gestart, 2 gestopt" in calls[0].text


async def test_candidates_are_the_latest_figure_not_a_sum(world):
    await _save(world, "4 kandidaten in beeld")
    await _save(world, "we hebben nu 5 kandidaten in beeld")
    assert _progress(world).totals.candidates == 5
    calls = await world.send(ANNA, "/voortgang")
    assert "Kandidaten in beeld nu: 5" in calls[0].text


async def test_an_update_without_figures_is_saved_as_an_activity(world):
    await world.send(ANNA, "/update")
    calls = await world.send(ANNA, "vandaag bij de koffieautomaat de planning doorgenomen")
    assert "Activiteit: vandaag bij de koffieautomaat de planning doorgenomen" in calls[-1].text
    await world.press(ANNA, world.button(ANNA.id, "Opslaan"))
    await _save(world, "vandaag gesprek gehad met UWV over de loonwaardemeting")
    activities = [u.activity for u in _progress(world).activities]
    assert activities[0] == "vandaag gesprek gehad met UWV over de loonwaardemeting"
    calls = await world.send(ANNA, "/voortgang")
    assert "Laatste activiteiten" in calls[0].text and "loonwaardemeting" in calls[0].text


async def test_a_knelpunt_is_solved_by_a_later_update_or_the_button(world):
    await _save(world, "knelpunt: vervoer naar de locatie is lastig")
    await _save(world, "knelpunt: de roosters sluiten niet aan")
    proeftuin = find_proeftuin(world.db, "Schoonmaak").id
    assert len(knelpunten(world.db, proeftuin)) == 2
    await _save(world, "knelpunt vervoer is opgelost")
    assert [k.text for k in knelpunten(world.db, proeftuin)] == ["de roosters sluiten niet aan"]
    calls = await world.send(ANNA, "/knelpunten")
    assert "de roosters sluiten niet aan" in calls[-1].text and "vervoer" not in calls[-1].text
    await world.press(ANNA, world.button(ANNA.id, "Opgelost"))
    assert "Opgelost: <i>de roosters sluiten niet aan</i>" in world.last_text(ANNA.id)
    assert knelpunten(world.db, proeftuin) == []


async def test_lessons_learned_are_their_own_field(world):
    await _save(world, "geleerd: begin met een proefplaatsing van twee weken")
    # saved without its own label: it is shown under "Geleerd"
    assert [u.lesson for u in _progress(world).lessons] == [
        "begin met een proefplaatsing van twee weken"
    ]


async def test_unsure_figures_are_asked_about_with_buttons(world):
    calls = await world.send(ANNA, "er zijn 2 à 3 mensen begonnen")
    assert "Niet zeker: gestart" in calls[-1].text
    assert [label for label, _ in calls[-1].buttons[:6]] == ["0", "1", "2", "3", "4", "5"]
    calls = await world.press(ANNA, world.button(ANNA.id, "3"))
    assert "Gestart in een baan: <b>3</b>" in calls[-1].text and "Niet zeker" not in calls[-1].text
    await world.press(ANNA, world.button(ANNA.id, "Opslaan"))
    assert _progress(world).totals.jobs_realised == 3


async def test_herstel_shows_what_an_update_recorded_and_asks_before_withdrawing(world):
    await _save(world, "knelpunt: vervoer naar de locatie is lastig")
    calls = await world.send(ANNA, "/herstel")
    assert "knelpunt: vervoer naar de locatie is lastig" in calls[-1].text
    assert "0 banen" not in calls[-1].text
    calls = await world.press(ANNA, world.button(ANNA.id, "Intrekken"))
    assert "intrekken? Hij telt dan niet meer mee" in calls[-1].text
    assert world.db["updates"].get(1)["withdrawn_at"] is None  # nothing happened yet
    await world.press(ANNA, world.button(ANNA.id, "Ja, intrekken"))
    assert world.db["updates"].get(1)["withdrawn_at"] is not None
    assert knelpunten(world.db, find_proeftuin(world.db, "Schoonmaak").id) == []


async def test_an_activity_told_is_offered_as_an_update_at_once(world):
    calls = await world.send(ANNA, "vandaag gesprek gehad met UWV")
    assert "Activiteit: vandaag gesprek gehad met UWV" in calls[-1].text
    assert world.button(ANNA.id, "Opslaan")


async def test_a_message_without_figures_chosen_as_update_becomes_an_activity(world):
    calls = await world.send(ANNA, "Hebben we overleg gehad met UWV")
    assert calls[-1].text == "Is dit een vraag of een voortgangsupdate?"
    calls = await world.press(ANNA, world.button(ANNA.id, "Voortgang"))
    assert "Activiteit: Hebben we overleg gehad met UWV" in calls[-1].text


async def test_a_message_read_as_an_update_with_nothing_to_count_is_offered_as_a_note(world):
    """News without a figure the parser counts (a plan, a signed contract) is no dead end."""
    text = "Het contract is al getekend, ze gaat volgende week beginnen in de postkamer."
    calls = await world.send(ANNA, text)
    assert "Ik herken hier geen voortgang in" not in calls[-1].text
    assert f"Activiteit: {text}" in calls[-1].text
    await world.press(ANNA, world.button(ANNA.id, "Opslaan"))
    assert [u.activity for u in _progress(world).activities] == [text]
    assert _progress(world).totals.jobs_realised == 0


def _pages(pdf: bytes) -> list[tuple[str, bytes]]:
    """Each page's text and its rendering as PNG (pypdfium2)."""
    import io

    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    pages = []
    for page in document:
        text = page.get_textpage().get_text_range()
        image = page.render(scale=0.6).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        pages.append((text, buffer.getvalue()))
    return pages


async def test_the_results_report_is_a_pdf_whose_pages_hold_the_figures(world):
    from tests.bot.conftest import COORDINATOR

    await _save(world, "drie nieuwe medewerkers gestart, 1 uitgevallen")
    await _save(world, "knelpunt: vervoer naar de locatie is lastig")
    await _save(world, "geleerd: begin met een proefplaatsing van twee weken")
    calls = await world.send(COORDINATOR, "/rapport alles")
    document = next(c for c in calls if c.method == "sendDocument")
    assert document.params["caption"] == "Het resultatenrapport van de proeftuinen."
    pages = _pages(document.files["document"])
    assert len(pages) == 4  # title, table, one page per proeftuin
    assert "Resultaten van de proeftuinen" in pages[0][0]
    table = pages[1][0]
    assert "Schoonmaak Utrecht" in table and "Catering Den Haag" in table
    utrecht = next(text for text, _ in pages if "Netto banen: 2 van 10" in text)
    assert "3 gestart, 1 uitval" in utrecht
    assert "vervoer naar de locatie is lastig" in utrecht
    assert "begin met een proefplaatsing" in utrecht
    assert all(png[:4] == b"\x89PNG" and len(png) > 5000 for _, png in pages)
    calls = await world.send(COORDINATOR, "/rapport over een jaar")
    assert "Gebruik: /rapport" in calls[-1].text
    calls = await world.send(ANNA, "/rapport")
    assert calls[-1].text == "Dit kan alleen een coördinator."


async def test_a_correction_without_figures_is_no_dead_end(world):
    await _save(world, "2 banen gerealiseerd")
    await world.send(ANNA, "/herstel")
    await world.press(ANNA, world.button(ANNA.id, "Corrigeren"))
    calls = await world.send(ANNA, "toch niet, het ging om iets anders")
    assert "Activiteit:" in calls[-1].text and "Correctie van update #1" in calls[-1].text
