"""Everything the bot says, in Dutch and English. Values are HTML; placeholders are escaped
by `say()`, so user and document text can never break the markup."""

from __future__ import annotations

import html

NL = {
    "welcome": (
        "Hoi {name}! Ik ben <b>Vonkje</b>, de assistent van de proeftuinen "
        "<i>Partnerships voor meer banen</i>. Van vinkje naar vonkje!\n\n"
        "• Stel me een vraag over social return, Maatwerk voor Mensen of de banenafspraak.\n"
        "• Stuur je voortgang als bericht, bijvoorbeeld: <i>twee nieuwe collega's bij de "
        "schoonmaak en 3 stageplaatsen</i>.\n• /voortgang laat zien hoe je proeftuin ervoor "
        "staat.\n\nAlle opdrachten: /help"
    ),
    "help": (
        "<b>Wat ik kan</b>\n"
        "/vraag &lt;vraag&gt; – een vraag stellen (of typ gewoon je vraag)\n"
        "/update &lt;tekst&gt; – voortgang doorgeven\n"
        "/voortgang – voortgang van je proeftuin, met grafiek\n"
        "/herstel – je laatste update corrigeren of intrekken\n"
        "/bijeenkomsten – de komende bijeenkomsten\n"
        "/knelpunten – open knelpunten, en ze afsluiten\n"
        "/herinneringen – herinneringen aan of uit\n"
        "/taal – Nederlands of English\n"
        "/mijngegevens – alles wat ik over je heb opgeslagen\n"
        "/vergeetmij – je gegevens wissen\n"
        "/cancel – stoppen met wat je aan het doen was"
    ),
    "help_admin": (
        "\n\n<b>Voor coördinatoren</b>\n"
        "/nieuweproeftuin – een proeftuin aanmaken\n"
        "/uitnodiging &lt;proeftuin&gt;[; dagen][; keer] – een nieuwe uitnodigingslink\n"
        "/intrekken &lt;link of code&gt; – een uitnodiging intrekken\n"
        "/overzicht – alle proeftuinen in één tabel en grafiek\n"
        "/export – alle updates als CSV en Excel\n"
        "/rapport [sinds] – het resultatenrapport voor de bijeenkomst (PDF)\n"
        "/onbeantwoord – onbeantwoorde en 👎-vragen\n"
        "/bronnen – de documenten in de kennisbank (stuur een bestand om er een toe te "
        "voegen)\n"
        "/antwoorden – antwoorden van coördinatoren bewerken of verwijderen\n"
        "/plan – een bijeenkomst plannen\n"
        "/checkin &lt;proeftuin&gt;; elke 2 weken donderdag 10:00 – tussentijds vragen hoe het "
        "gaat (of: uit)\n"
        "/verplaats &lt;nr&gt; &lt;datum&gt; – een bijeenkomst verplaatsen\n"
        "/annuleer &lt;nr&gt; – een bijeenkomst annuleren\n"
        "/koppel &lt;proeftuin&gt; – (in een groep) de groep aan een proeftuin koppelen"
    ),
    "cancelled": "Oké, gestopt. Er is niets opgeslagen.",
    "nothing_to_cancel": "Er was niets om te stoppen.",
    "error": (
        "Sorry, er ging iets mis aan mijn kant. Probeer het zo nog eens; wat al was "
        "opgeslagen blijft bewaard."
    ),
    "not_text": (
        "Ik kan alleen tekstberichten lezen, geen stickers, foto's, spraak of bestanden. "
        "Typ je vraag of update gerust als tekst."
    ),
    "too_long": (
        "Dit bericht is te lang ({length} tekens; maximaal {limit}). Kun je het korter "
        "maken of in delen sturen?"
    ),
    "admin_only": "Dit kan alleen een coördinator.",
    "not_member": (
        "Je bent (nog) geen lid van een proeftuin. Vraag je coördinator om een uitnodigingslink."
    ),
    "not_member_of": "Je bent geen lid van proeftuin {name}; daarom kan ik dat niet doen.",
    "not_member_of_that": (
        "Die proeftuin kan ik je niet laten zien: je bent er geen lid van, of hij bestaat niet."
    ),
    "ambiguous_proeftuin": "'{name}' past bij meer dan één proeftuin: {names}. Welke bedoel je?",
    "choose_proeftuin": "Voor welke proeftuin?",
    "group_not_linked": (
        "Deze groep is nog niet gekoppeld aan een proeftuin. Een coördinator of lid kan dat "
        "doen met /koppel &lt;naam van de proeftuin&gt;."
    ),
    # invites and roles
    "invite_invalid": (
        "Deze uitnodigingslink is onbekend, ingetrokken, verlopen of al zo vaak gebruikt als "
        "mocht. Vraag je coördinator om een nieuwe link."
    ),
    "choose_role": "Welkom bij proeftuin <b>{name}</b>! Wat is je rol?",
    "role_opdrachtgever": "Opdrachtgever",
    "role_opdrachtnemer": "Opdrachtnemer",
    "role_anders": "Anders",
    "joined_as_opdrachtgever": "als opdrachtgever",
    "joined_as_opdrachtnemer": "als opdrachtnemer",
    "joined_as_anders": "met een andere rol dan opdrachtgever of opdrachtnemer",
    "anonymous": "anoniem",
    "language_choose": "In welke taal wil je Vonkje gebruiken? Nu: Nederlands.",
    "language_set": "Vonkje praat nu Nederlands met je. Switch to English: /language en",
    "overview_columns": "|proeftuin|banen|doel|kand.|stage|laatste",
    "joined": (
        "Je bent lid van proeftuin <b>{name}</b> {as_role}. Stuur je voortgang gewoon "
        "als bericht, of stel een vraag."
    ),
    "invite_link": (
        "Uitnodigingslink voor <b>{name}</b>:\n{link}\n\nWie de link opent, wordt lid "
        "en kiest een rol.{limits}\nIntrekken: /intrekken {token}"
    ),
    "invite_until": "geldig tot {date}",
    "invite_uses": "{uses} van {most} keer gebruikt",
    "invite_revoked": "De uitnodiging is ingetrokken; de link werkt niet meer.",
    "invite_revoked_already": "Die uitnodiging was al ingetrokken; de link werkte al niet meer.",
    "unknown_command": "Het commando {command} ken ik niet. Dit kan ik wel:",
    "usage_invite": (
        "Gebruik: /uitnodiging &lt;naam van de proeftuin&gt;[; &lt;dagen&gt; dagen]"
        "[; &lt;aantal&gt; keer], bijvoorbeeld /uitnodiging Schoonmaak Utrecht; 14 dagen; 5 keer"
    ),
    "usage_revoke": "Gebruik: /intrekken &lt;link of code van de uitnodiging&gt;",
    # proeftuin creation
    "new_proeftuin_ask": "Nieuwe proeftuin. {question}\n(/cancel om te stoppen)",
    "ask_name": "Wat is de naam?",
    "ask_opdrachtgever": "Wie is de opdrachtgever?",
    "ask_opdrachtnemer": "Wie is de opdrachtnemer?",
    "ask_location": "Wat is de locatie?",
    "ask_jobs_target": "Hoeveel extra banen is het doel? (een getal)",
    "bad_target": "Dat is geen geldig doel: geef een heel getal van 0 tot en met 10.000.",
    "proeftuin_created": "Proeftuin <b>{name}</b> is aangemaakt (doel: {target} banen).",
    # groups
    "group_linked": "Deze groep hoort nu bij proeftuin <b>{name}</b>.",
    "button_invalid": "Deze knop is niet meer geldig.",
    "not_your_button": "Deze knop is van iemand anders; er verandert niets.",
    "too_old_to_change": (
        "Update {id} is ouder dan 7 dagen; die kun je niet meer wijzigen of intrekken. Stuur "
        "een nieuwe update als er iets is veranderd."
    ),
    "send_privately": (
        "Dat laat ik niet in een groep zien. Stuur het me privé: tik op mijn naam en dan op "
        "<i>Bericht</i>."
    ),
    "link_needs_group_admin": (
        "Alleen een coördinator, of een lid van proeftuin {name} dat beheerder van deze groep "
        "is, kan de groep koppelen."
    ),
    "usage_link": "Gebruik (in de groep): /koppel &lt;naam van de proeftuin&gt;",
    "group_only": "Dit werkt alleen in een groep.",
    # progress updates
    "draft": "Dit heb ik begrepen voor <b>{name}</b>:\n{lines}\n\nKlopt dit?",
    "draft_saved": "Voor <b>{name}</b>:\n{lines}",
    "draft_started": "• Gestart in een baan: <b>{value}</b>",
    "draft_ended": "• Baan beëindigd (uitval): <b>{value}</b>",
    "draft_internships": "• Stage-/leerwerkplekken gestart: <b>{value}</b>",
    "draft_candidates": "• Kandidaten in beeld nu: <b>{value}</b>",
    "draft_hours": "• Uren per week: <b>{value}</b> (= {units} banen van 25,5 uur)",
    "draft_step": "• Stap: {value}",
    "draft_obstacles": "• Knelpunt: {value}",
    "draft_solved": "• Knelpunt opgelost: {value}",
    "draft_lesson": "• Geleerd: {value}",
    "draft_activity": "• Activiteit: {value}",
    "draft_next_step": "• Volgende stap: {value}",
    "draft_note": "• Notitie: {value}",
    "draft_unsure": (
        "⚠️ Niet zeker: {fields}. Hoeveel precies? Kies het getal hieronder, of <b>Wijzigen</b> "
        "en stuur het met het juiste getal."
    ),
    "field_started": "gestart",
    "field_ended": "uitval",
    "field_internships": "stages",
    "field_candidates": "kandidaten",
    "field_hours": "uren",
    "draft_correction": "Correctie van update #{id}.\n",
    "save": "✅ Opslaan",
    "edit": "✏️ Wijzigen",
    "cancel": "✖️ Annuleren",
    "saved": "Opgeslagen! <b>{name}</b> staat nu op {jobs} van {target} banen (netto).",
    "already_saved": "Deze update was al opgeslagen.",
    "corrected": "Update #{id} is gecorrigeerd.",
    "draft_gone": "Deze update is verlopen of al afgehandeld. Stuur hem gerust opnieuw.",
    "edit_prompt": "Stuur de update opnieuw, zoals hij moet zijn. (/cancel om te stoppen)",
    "update_prompt": (
        "Wat is je voortgang? Bijvoorbeeld: <i>twee nieuwe collega's bij de schoonmaak, "
        "4 kandidaten in beeld, knelpunt: vervoer</i>. (/cancel om te stoppen)"
    ),
    "nothing_recognised": (
        "Ik herken hier geen voortgang in. Noem bijvoorbeeld aantallen banen, kandidaten of "
        "stageplekken, de stap die je hebt gezet of een knelpunt."
    ),
    "bad_number": (
        "Dat aantal kan niet kloppen (negatief of meer dan 10.000). Er is niets opgeslagen; "
        "stuur de update opnieuw."
    ),
    "unclear_number": (
        'Ik weet niet zeker welk aantal je bedoelt (zoals in "geen 3", "5²" of '
        '"1e3"). Er is niets opgeslagen; schrijf het aantal als gewoon getal, bijvoorbeeld '
        '"3 banen gerealiseerd".'
    ),
    "edit_corrects": (
        "Je hebt een bericht aangepast dat als update {id} is opgeslagen. Zo wordt update "
        "{id} gecorrigeerd:"
    ),
    "slow_down": (
        "Je stuurt veel berichten kort na elkaar; ik lees even niet mee. Probeer het over een "
        "minuut opnieuw."
    ),
    "question_or_update": "Is dit een vraag of een voortgangsupdate?",
    "is_question": "❓ Vraag",
    "is_update": "📈 Voortgang",
    "none": "—",
    # correcting
    "herstel_none": "Je hebt de afgelopen 7 dagen geen updates gestuurd.",
    "herstel_list": "Je recente updates. Kies wat je wilt doen:",
    "herstel_item": "#{id} {date} {name}: {summary}",
    "summary_started": "{value} gestart",
    "summary_ended": "{value} uitval",
    "summary_internships": "{value} stage(s)",
    "summary_candidates": "{value} kandidaten in beeld",
    "summary_hours": "{value} uur",
    "summary_obstacles": "knelpunt: {value}",
    "summary_lesson": "geleerd: {value}",
    "summary_activity": "activiteit: {value}",
    "summary_step": "stap: {value}",
    "summary_next_step": "volgende stap: {value}",
    "withdraw_confirm": "Update #{id} intrekken? Hij telt dan niet meer mee.\n{summary}",
    "withdraw_yes": "Ja, intrekken",
    "knelpunten_title": "<b>Open knelpunten</b>",
    "report_caption": "Het resultatenrapport van de proeftuinen.",
    "checkin_question": (
        "👋 Hoe staat het ervoor in <b>{name}</b>? Stuur je voortgang gerust als bericht: "
        "nieuwe collega's, kandidaten, een knelpunt of wat je geleerd hebt."
    ),
    "usage_checkin": (
        "Gebruik: /checkin &lt;proeftuin&gt;; elke 2 weken donderdag 10:00 (of: aan, uit). Nooit "
        "in het weekend."
    ),
    "checkin_on": "Check-ins voor <b>{name}</b>: elke {weeks} week/weken op {day} om {at}.",
    "checkin_off": "Check-ins voor <b>{name}</b> staan uit.",
    "usage_report": (
        "Gebruik: /rapport (sinds de vorige bijeenkomst), /rapport alles, of /rapport "
        "&lt;datum&gt;, bijvoorbeeld /rapport 1 maart."
    ),
    "knelpunten_none": "Geen open knelpunten.",
    "solved_button": "✅ Opgelost #{id}",
    "knelpunt_solved": "Opgelost: <i>{text}</i>. Het staat niet meer bij de open knelpunten.",
    "withdraw_no": "Nee",
    "withdraw": "Intrekken #{id}",
    "correct": "Corrigeren #{id}",
    "withdrawn": "Update #{id} is ingetrokken; hij telt niet meer mee.",
    "not_yours": "Dat kan alleen bij je eigen updates.",
    # progress views
    "progress": (
        "<b>{name}</b> ({opdrachtgever} × {opdrachtnemer}, {location})\n"
        "Banen: <b>{jobs}</b> van {target} ({share}%){detail}\n{units}"
        "Kandidaten in beeld nu: {candidates}\n"
        "Stage-/leerwerkplekken: {internships}\n"
        "Laatste stap: {step}"
    ),
    "progress_detail": ", netto: {started} gestart, {ended} gestopt",
    "progress_units": "In de eenheid van de banenafspraak: {units} banen van 25,5 uur\n",
    "progress_obstacles": "\n\n<b>Open knelpunten</b> (/knelpunten om ze af te sluiten)",
    "progress_activities": "\n\n<b>Laatste activiteiten</b>",
    "progress_lessons": "\n\n<b>Geleerd</b>",
    "progress_latest": "\n\n<b>Laatste updates</b>",
    "progress_none": "\n\nNog geen updates.",
    "chart_caption": "Netto banen (gestart min uitval) per dag, tegen het doel van {target}",
    "overview_caption": (
        "Netto banen per proeftuin; het streepje is het doel; grijs: geen update sinds de "
        "vorige bijeenkomst."
    ),
    "overview_title": "<b>Overzicht van alle proeftuinen</b>",
    "overview_since": "⚠️ = geen update sinds de bijeenkomst van {date}",
    "overview_no_meeting": "(nog geen eerdere bijeenkomst om mee te vergelijken)",
    "overview_empty": "Er zijn nog geen proeftuinen. Maak er een met /nieuweproeftuin.",
    "export_caption": "Alle updates ({count}) als {kind}",
    # questions
    "question_prompt": "Wat is je vraag? (/cancel om te stoppen)",
    "thanks_feedback": "Dank je voor je reactie!",
    "open_questions_none": "Er zijn geen onbeantwoorde of 👎-vragen.",
    "open_questions": "<b>Open vragen</b> (nieuwste eerst):",
    "open_question_item": (
        "\n#{id} {date} {flag} <b>{question}</b>\n{who} ({proeftuin}) · antwoord: <i>{answer}</i>"
    ),
    "open_question_note": "\n👎 “{note}”",
    "feedback_ask_note": (
        "Jammer! Wat miste er, of wat klopte er niet? Typ het in één bericht; een coördinator "
        "kijkt ernaar. (Niets toe te voegen? Druk op Overslaan.)"
    ),
    "feedback_skip": "Overslaan",
    "feedback_note_thanks": "Dank je! Een coördinator kijkt ernaar.",
    "answer_button": "Beantwoord #{id}",
    "curate_prompt": "Typ je antwoord op vraag #{id}:\n<i>{question}</i>\n(/cancel om te stoppen)",
    "curated_to_asker": (
        "De coördinator heeft je vraag beantwoord:\n<i>{question}</i>\n\n{answer}"
    ),
    "curated_done": "Dank je! Het antwoord is verstuurd en toegevoegd aan de kennisbank.",
    "curate_confirm_question": (
        "Met deze vraag komt je antwoord in de kennisbank, waar iedereen het kan vinden:\n"
        "<i>{question}</i>\nStaan er namen, nummers of andere persoonlijke gegevens in? Stuur "
        "de vraag dan zoals hij erin moet. Stuur <b>ok</b> om hem zo te houden."
    ),
    "curated_no_asker": (
        "Het antwoord is toegevoegd aan de kennisbank (de vrager is niet meer bekend)."
    ),
    # privacy
    "my_data_caption": "Alles wat ik over je heb opgeslagen.",
    "forget_confirm": (
        "Weet je het zeker? Ik wis je naam, lidmaatschappen, vragen en herinneringen. Je "
        "updates blijven anoniem in de proeftuin staan, zodat de totalen kloppen."
    ),
    "forget_yes": "Ja, wis mijn gegevens",
    "forget_no": "Nee",
    "forgotten": (
        "Je gegevens zijn gewist. Stuur je me later weer een bericht, dan begin je als nieuwe "
        "gebruiker. Tot ziens!"
    ),
    "welcome_new": (
        "Hoi {name}, welkom bij <b>Vonkje</b>, de assistent van de proeftuinen "
        "<i>Partnerships voor meer banen</i>. Ik bewaar je naam, gebruikersnaam en taal om je "
        "te kunnen helpen; /mijngegevens laat alles zien en /vergeetmij wist het. Alle "
        "opdrachten: /help"
    ),
    "forget_cancelled": "Er is niets gewist.",
    # bijeenkomsten
    "reminder": ("⏰ Herinnering: <b>{title}</b> is op {when}.\nWaar: {place}\nAgenda: {agenda}"),
    "meeting_change": (
        "📅 De bijeenkomst <b>{title}</b> is verplaatst naar {when}.\nWaar: {place}"
    ),
    "meeting_cancel": "❌ De bijeenkomst <b>{title}</b> van {when} gaat niet door.",
    "nudge": (
        "Op {when} is de bijeenkomst <b>{title}</b>. Van je proeftuin hebben we sinds de "
        "vorige bijeenkomst nog geen update. Wil je er nu een sturen?"
    ),
    "nudge_button": "📈 Nu een update sturen",
    "summary": "<b>Morgen: {title}</b>\nVoortgang per proeftuin (updates sinds {since}):",
    "summary_silent": "\nGeen update sinds de vorige bijeenkomst: {names}",
    "interrupted": (
        "Let op: {count} herinnering(en) zijn onderbroken tussen versturen en vastleggen. "
        "Ze worden niet opnieuw verstuurd; check zo nodig bij de deelnemer:"
    ),
    "plan_ask_title": "Nieuwe bijeenkomst. Wat is de titel? (/cancel om te stoppen)",
    "plan_ask_when": (
        "Wanneer? Bijvoorbeeld: <i>vrijdag 15 maart 14:00</i>, <i>15-3 om 14u</i> of "
        "<i>volgende week dinsdag 10 uur</i>."
    ),
    "plan_ask_place": "Waar? (een adres of een videolink)",
    "plan_ask_agenda": "Wat staat er op de agenda? (of '-')",
    "plan_ask_who": "Voor welke proeftuinen? Namen met komma's ertussen, of 'alle'.",
    "plan_confirm": (
        "Ik lees: <b>{title}</b> op <b>{when}</b>{no_time}, {place}, voor {who}. Klopt dat?"
    ),
    "plan_no_time": " (geen tijd genoemd, dus 10:00)",
    "plan_all": "alle proeftuinen",
    "plan_yes": "✅ Ja, plannen",
    "plan_no": "✖️ Nee",
    "planned": "Gepland: <b>{title}</b> op {when} (#{id}). Herinneringen gaan automatisch.",
    "bad_date": (
        "Die datum kan ik niet lezen. Probeer bijvoorbeeld <i>vrijdag 15 maart 14:00</i> of "
        "<i>15-3 om 14u</i>."
    ),
    "past_date": "Die datum ligt in het verleden ({when}). Kies een moment in de toekomst.",
    "weekday_mismatch": (
        "Je schreef {named}, maar die datum valt op een {actual} ({when}). Welke dag bedoel je? "
        "Typ de datum nog eens."
    ),
    "usage_plan": ("Gebruik: /plan, of in één keer: /plan titel; datum en tijd; plaats; agenda"),
    "meetings_none": "Er zijn geen bijeenkomsten gepland.",
    "meetings_title": "<b>Komende bijeenkomsten</b>",
    "meeting_line": "\n#{id} {when}: <b>{title}</b>\nWaar: {place}\nAgenda: {agenda}",
    "calendar_button": "📅 Agenda-bestand #{id}",
    "invite_now_button": "📨 Uitnodiging nu sturen",
    "meeting_invitation": (
        "📨 Uitnodiging: <b>{title}</b> op {when}.\nWaar: {place}\nAgenda: {agenda}\n"
        "Zet hem in je agenda met het bestand hieronder."
    ),
    "invitation_sent": "De uitnodiging is verstuurd aan {count} deelnemer(s).",
    "usage_move": "Gebruik: /verplaats &lt;nummer&gt; &lt;nieuwe datum en tijd&gt;",
    "usage_cancel_meeting": "Gebruik: /annuleer &lt;nummer&gt;",
    "unknown_meeting": "Bijeenkomst #{id} bestaat niet.",
    "meeting_is_cancelled": "Bijeenkomst #{id} is al geannuleerd; die kan niet meer veranderen.",
    "move_confirm": "<b>{title}</b> verplaatsen naar <b>{when}</b>? De deelnemers krijgen bericht.",
    "cancel_confirm": "<b>{title}</b> op {when} annuleren? De deelnemers krijgen bericht.",
    "moved": "Verplaatst; {count} deelnemer(s) zijn ingelicht.",
    "meeting_cancelled_done": "Geannuleerd; {count} deelnemer(s) zijn ingelicht.",
    "reminders_state": "Herinneringen staan <b>{state}</b>.",
    "reminders_on": "aan",
    "reminders_off": "uit",
    "reminders_turn_on": "🔔 Aanzetten",
    "reminders_turn_off": "🔕 Uitzetten",
}

EN = {
    "welcome": (
        "Hi {name}! I'm <b>Vonkje</b>, the assistant of the proeftuinen <i>Partnerships voor "
        "meer banen</i>.\n\n• Ask me about social return, Maatwerk voor Mensen or the "
        "banenafspraak.\n• Send your progress as a message, e.g. <i>two new colleagues in "
        "cleaning and 3 internships</i>.\n• /progress shows how your proeftuin is doing."
        "\n\nAll commands: /help"
    ),
    "help": (
        "<b>What I can do</b>\n"
        "/ask &lt;question&gt; – ask a question (or just type it)\n"
        "/update &lt;text&gt; – report progress\n"
        "/progress – your proeftuin's progress, with a chart\n"
        "/correct – correct or withdraw your latest update\n"
        "/meetings – upcoming meetings\n"
        "/obstacles – open knelpunten, and closing them\n"
        "/reminders – reminders on or off\n"
        "/language – Nederlands or English\n"
        "/mydata – everything stored about you\n"
        "/forgetme – erase your data\n"
        "/cancel – stop what you were doing"
    ),
    "help_admin": (
        "\n\n<b>For coordinators</b>\n"
        "/newproeftuin – create a proeftuin\n"
        "/invite &lt;proeftuin&gt;[; days][; uses] – a new invite link\n"
        "/revoke &lt;link or code&gt; – revoke an invite\n"
        "/overview – all proeftuinen in one table and chart\n"
        "/export – all updates as CSV and Excel\n"
        "/report [since] – the results report for the meeting (PDF)\n"
        "/unanswered – unanswered and 👎 questions\n"
        "/sources – the documents in the knowledge base (send a file to add one)\n"
        "/answers – edit or remove answers by coordinators\n"
        "/plan – plan a meeting\n"
        "/checkin &lt;proeftuin&gt;; every 2 weeks thursday 10:00 – ask how it is going "
        "between meetings (or: off)\n"
        "/move &lt;nr&gt; &lt;date&gt; – move a meeting\n"
        "/cancelmeeting &lt;nr&gt; – cancel a meeting\n"
        "/link &lt;proeftuin&gt; – (in a group) link the group to a proeftuin"
    ),
    "cancelled": "OK, stopped. Nothing was saved.",
    "nothing_to_cancel": "There was nothing to stop.",
    "error": "Sorry, something went wrong on my side. Please try again; nothing saved was lost.",
    "not_text": "I can only read text messages, not stickers, photos, voice or files.",
    "too_long": "This message is too long ({length} characters; at most {limit}).",
    "admin_only": "Only a coordinator can do this.",
    "not_member": (
        "You are not a member of a proeftuin yet. Ask your coordinator for an invite link."
    ),
    "not_member_of": "You are not a member of proeftuin {name}, so I can't do that.",
    "ambiguous_proeftuin": "'{name}' matches more than one proeftuin: {names}. Which one?",
    "not_member_of_that": (
        "I can't show you that proeftuin: you are not a member of it, or it does not exist."
    ),
    "button_invalid": "This button is no longer valid.",
    "not_your_button": "This button belongs to someone else; nothing changes.",
    "too_old_to_change": (
        "Update {id} is more than 7 days old and can no longer be changed or withdrawn. Send a "
        "new update if something changed."
    ),
    "send_privately": (
        "I don't show that in a group. Send it to me in a private chat: tap my name, then "
        "<i>Message</i>."
    ),
    "link_needs_group_admin": (
        "Only a coordinator, or a member of proeftuin {name} who is an admin of this group, can "
        "link the group."
    ),
    "choose_proeftuin": "Which proeftuin?",
    "group_not_linked": (
        "This group is not linked to a proeftuin yet. A coordinator or member can link it "
        "with /link &lt;proeftuin name&gt;."
    ),
    "invite_invalid": (
        "This invite link is unknown, revoked, expired or used up. Ask your coordinator for a "
        "new one."
    ),
    "invite_link": (
        "Invite link for <b>{name}</b>:\n{link}\n\nWhoever opens it becomes a member and "
        "picks a role.{limits}\nRevoke: /revoke {token}"
    ),
    "invite_until": "valid until {date}",
    "invite_revoked": "The invite was revoked; the link no longer works.",
    "invite_revoked_already": "That invite was revoked already; the link did not work anymore.",
    "unknown_command": "I don't know the command {command}. This is what I can do:",
    "invite_uses": "used {uses} of {most} times",
    "usage_invite": (
        "Usage: /invite &lt;proeftuin name&gt;[; &lt;number&gt; days][; &lt;number&gt; times], "
        "for example /invite Schoonmaak Utrecht; 14 days; 5 times"
    ),
    "choose_role": "Welcome to proeftuin <b>{name}</b>! What is your role?",
    "role_opdrachtgever": "Buyer (opdrachtgever)",
    "role_opdrachtnemer": "Supplier (opdrachtnemer)",
    "role_anders": "Other",
    "joined_as_opdrachtgever": "as the buyer (opdrachtgever)",
    "joined_as_opdrachtnemer": "as the supplier (opdrachtnemer)",
    "joined_as_anders": "in another role than buyer or supplier",
    "anonymous": "anonymous",
    "language_choose": "Which language do you want to use Vonkje in? Now: English.",
    "language_set": "Vonkje now speaks English with you. Terug naar Nederlands: /taal nl",
    "overview_columns": "|proeftuin|jobs|target|cand.|intern|last",
    "joined": (
        "You are a member of proeftuin <b>{name}</b> {as_role}. Just send your progress as "
        "a message, or ask a question."
    ),
    "cancel": "✖️ Cancel",
    "save": "✅ Save",
    "edit": "✏️ Change",
    "draft": "This is what I understood for <b>{name}</b>:\n{lines}\n\nIs this right?",
    "draft_saved": "For <b>{name}</b>:\n{lines}",
    "draft_started": "• Started in a job: <b>{value}</b>",
    "draft_ended": "• Job ended (dropout): <b>{value}</b>",
    "draft_internships": "• Internships/work-experience places started: <b>{value}</b>",
    "draft_candidates": "• Candidates in view now: <b>{value}</b>",
    "draft_hours": "• Hours a week: <b>{value}</b> (= {units} jobs of 25.5 hours)",
    "draft_step": "• Step: {value}",
    "draft_obstacles": "• Obstacle (knelpunt): {value}",
    "draft_solved": "• Obstacle solved: {value}",
    "draft_lesson": "• Lesson learned: {value}",
    "draft_activity": "• Activity: {value}",
    "draft_next_step": "• Next step: {value}",
    "draft_note": "• Note: {value}",
    "draft_unsure": (
        "⚠️ Not sure: {fields}. How many exactly? Pick the number below, or <b>Edit</b> and "
        "send it with the right number."
    ),
    "field_started": "started",
    "field_ended": "dropouts",
    "field_internships": "internships",
    "field_candidates": "candidates",
    "field_hours": "hours",
    "saved": "Saved! <b>{name}</b> is now at {jobs} of {target} jobs (net).",
    "already_saved": "This update was already saved.",
    "draft_gone": "This update expired or was already handled. Feel free to send it again.",
    "edit_prompt": "Send the update again, as it should be. (/cancel to stop)",
    "update_prompt": "What is your progress? (/cancel to stop)",
    "nothing_recognised": (
        "I don't recognise any progress in this. Mention numbers of jobs, candidates or "
        "internships, the step you reached or an obstacle."
    ),
    "bad_number": "That number can't be right (negative or over 10,000). Nothing was saved.",
    "unclear_number": (
        'I\'m not sure which number you mean (as in "geen 3", "5²" or "1e3"). Nothing '
        'was saved; write the number plainly, for example "3 jobs filled".'
    ),
    "edit_corrects": (
        "You edited a message that was saved as update {id}. This is how update {id} will be "
        "corrected:"
    ),
    "slow_down": (
        "You are sending many messages in a short time; I'll pause reading for a moment. "
        "Please try again in a minute."
    ),
    "question_or_update": "Is this a question or a progress update?",
    "is_question": "❓ Question",
    "is_update": "📈 Progress",
    "herstel_none": "You sent no updates in the last 7 days.",
    "herstel_list": "Your recent updates. Choose what to do:",
    "withdraw": "Withdraw #{id}",
    "correct": "Correct #{id}",
    "withdrawn": "Update #{id} was withdrawn; it no longer counts.",
    "not_yours": "You can only do that with your own updates.",
    "thanks_feedback": "Thanks for your feedback!",
    "question_prompt": "What is your question? (/cancel to stop)",
    "my_data_caption": "Everything I have stored about you.",
    "forget_confirm": (
        "Are you sure? I will erase your name, memberships, questions and reminders. Your "
        "updates stay in the proeftuin anonymously, so the totals stay right."
    ),
    "forget_yes": "Yes, erase my data",
    "forget_no": "No",
    "forgotten": (
        "Your data has been erased. If you message me again later, you start as a new user. "
        "Goodbye!"
    ),
    "welcome_new": (
        "Hi {name}, welcome to <b>Vonkje</b>, the assistant of the proeftuinen <i>Partnerships "
        "voor meer banen</i>. I keep your name, username and language to help you; /mydata "
        "shows all of it and /forgetme erases it. All commands: /help"
    ),
    "forget_cancelled": "Nothing was erased.",
    "reminder": "⏰ Reminder: <b>{title}</b> is on {when}.\nWhere: {place}\nAgenda: {agenda}",
    "meeting_change": "📅 The meeting <b>{title}</b> has moved to {when}.\nWhere: {place}",
    "meeting_cancel": "❌ The meeting <b>{title}</b> on {when} is cancelled.",
    "nudge": (
        "The meeting <b>{title}</b> is on {when}. We have had no update from your proeftuin "
        "since the previous meeting. Would you like to send one now?"
    ),
    "nudge_button": "📈 Send an update now",
    "open_questions": "<b>Open questions</b> (newest first):",
    "open_questions_none": "There are no unanswered or 👎 questions.",
    "answer_button": "Answer #{id}",
    "curate_prompt": "Type your answer to question #{id}:\n<i>{question}</i>\n(/cancel to stop)",
    "curated_done": "Thanks! The answer was sent and added to the knowledge base.",
    "curate_confirm_question": (
        "Your answer goes into the knowledge base, where anyone can find it, with this "
        "question:\n<i>{question}</i>\nDoes it hold names, numbers or other personal data? "
        "Then send the question as it should be stored. Send <b>ok</b> to keep it as it is."
    ),
    "meetings_none": "No meetings are planned.",
    "meetings_title": "<b>Upcoming meetings</b>",
    "reminders_state": "Reminders are <b>{state}</b>.",
    "reminders_on": "on",
    "reminders_off": "off",
    "reminders_turn_on": "🔔 Turn on",
    "reminders_turn_off": "🔕 Turn off",
    "usage_revoke": "Usage: /revoke &lt;link or code of the invite&gt;",
    "new_proeftuin_ask": "New proeftuin. {question}\n(/cancel to stop)",
    "ask_name": "What is its name?",
    "ask_opdrachtgever": "Who is the opdrachtgever (the buyer)?",
    "ask_opdrachtnemer": "Who is the opdrachtnemer (the supplier)?",
    "ask_location": "Where is it?",
    "ask_jobs_target": "How many extra jobs is the target? (a number)",
    "bad_target": "That is not a valid target: give a whole number from 0 to 10,000.",
    "proeftuin_created": "Proeftuin <b>{name}</b> was created (target: {target} jobs).",
    "group_linked": "This group now belongs to proeftuin <b>{name}</b>.",
    "usage_link": "Usage (in the group): /link &lt;name of the proeftuin&gt;",
    "group_only": "This only works in a group.",
    "draft_correction": "Correction of update #{id}.\n",
    "corrected": "Update #{id} was corrected.",
    "none": "—",
    "herstel_item": "#{id} {date} {name}: {summary}",
    "summary_started": "{value} started",
    "summary_ended": "{value} ended",
    "summary_internships": "{value} internship(s)",
    "summary_candidates": "{value} candidates in view",
    "summary_hours": "{value} hours",
    "summary_obstacles": "obstacle: {value}",
    "summary_lesson": "learned: {value}",
    "summary_activity": "activity: {value}",
    "summary_step": "step: {value}",
    "summary_next_step": "next step: {value}",
    "withdraw_confirm": "Withdraw update #{id}? It will no longer count.\n{summary}",
    "withdraw_yes": "Yes, withdraw",
    "knelpunten_title": "<b>Open obstacles (knelpunten)</b>",
    "report_caption": "The results report of the proeftuinen.",
    "checkin_question": (
        "👋 How are things going in <b>{name}</b>? Just send your progress as a message: new "
        "colleagues, candidates, an obstacle or a lesson learned."
    ),
    "usage_checkin": (
        "Usage: /checkin &lt;proeftuin&gt;; every 2 weeks thursday 10:00 (or: on, off). Never "
        "at the weekend."
    ),
    "checkin_on": "Check-ins for <b>{name}</b>: every {weeks} week(s) on {day} at {at}.",
    "checkin_off": "Check-ins for <b>{name}</b> are off.",
    "usage_report": (
        "Usage: /report (since the previous meeting), /report all, or /report &lt;date&gt;, "
        "for example /report 1 March."
    ),
    "knelpunten_none": "No open obstacles.",
    "solved_button": "✅ Solved #{id}",
    "knelpunt_solved": "Solved: <i>{text}</i>. It is no longer among the open obstacles.",
    "withdraw_no": "No",
    "progress": (
        "<b>{name}</b> ({opdrachtgever} × {opdrachtnemer}, {location})\n"
        "Jobs: <b>{jobs}</b> of {target} ({share}%){detail}\n{units}"
        "Candidates in view now: {candidates}\n"
        "Internships/work-experience places: {internships}\n"
        "Latest step: {step}"
    ),
    "progress_detail": ", net: {started} started, {ended} ended",
    "progress_units": "In the banenafspraak's unit: {units} jobs of 25.5 hours\n",
    "progress_obstacles": "\n\n<b>Open obstacles (knelpunten)</b> (/knelpunten to close them)",
    "progress_activities": "\n\n<b>Latest activities</b>",
    "progress_lessons": "\n\n<b>Lessons learned</b>",
    "progress_latest": "\n\n<b>Latest updates</b>",
    "progress_none": "\n\nNo updates yet.",
    "chart_caption": "Net jobs (started minus ended) per day, against the target of {target}",
    "overview_caption": (
        "Net jobs per proeftuin; the tick is the target; grey: no update since the previous "
        "meeting."
    ),
    "overview_title": "<b>Overview of all proeftuinen</b>",
    "overview_since": "⚠️ = no update since the meeting of {date}",
    "overview_no_meeting": "(no earlier meeting to compare with yet)",
    "overview_empty": "There are no proeftuinen yet. Create one with /newproeftuin.",
    "export_caption": "All updates ({count}) as {kind}",
    "open_question_item": (
        "\n#{id} {date} {flag} <b>{question}</b>\n{who} ({proeftuin}) · answer: <i>{answer}</i>"
    ),
    "open_question_note": "\n👎 “{note}”",
    "feedback_ask_note": (
        "Sorry about that! What was missing, or what was wrong? Type it in one message; a "
        "coordinator will look at it. (Nothing to add? Press Skip.)"
    ),
    "feedback_skip": "Skip",
    "feedback_note_thanks": "Thank you! A coordinator will look at it.",
    "curated_no_asker": (
        "The answer was added to the knowledge base (the person who asked is no longer known)."
    ),
    "summary": "<b>Tomorrow: {title}</b>\nProgress per proeftuin (updates since {since}):",
    "summary_silent": "\nNo update since the previous meeting: {names}",
    "interrupted": (
        "Note: {count} reminder(s) were interrupted between sending and logging. They are not "
        "sent again; check with the participant if needed:"
    ),
    "plan_ask_title": "New meeting. What is its title? (/cancel to stop)",
    "plan_ask_when": (
        "When? For example: <i>Friday 15 March 14:00</i>, <i>15-3 at 2pm</i> or "
        "<i>vrijdag 15 maart 14:00</i>."
    ),
    "plan_ask_place": "Where? (an address or a video link)",
    "plan_ask_agenda": "What is on the agenda? (or '-')",
    "plan_ask_who": "For which proeftuinen? Names separated by commas, or 'all'.",
    "plan_confirm": (
        "I read: <b>{title}</b> on <b>{when}</b>{no_time}, {place}, for {who}. Is that right?"
    ),
    "plan_no_time": " (no time given, so 10:00)",
    "plan_all": "all proeftuinen",
    "plan_yes": "✅ Yes, plan it",
    "plan_no": "✖️ No",
    "planned": "Planned: <b>{title}</b> on {when} (#{id}). Reminders go out automatically.",
    "bad_date": (
        "I can't read that date. Try for example <i>Friday 15 March 14:00</i> or "
        "<i>15-3 at 2pm</i>."
    ),
    "past_date": "That date is in the past ({when}). Choose a moment in the future.",
    "weekday_mismatch": (
        "You wrote {named}, but that date is a {actual} ({when}). Which day do you mean? "
        "Type the date again."
    ),
    "usage_plan": "Usage: /plan, or in one go: /plan title; date and time; place; agenda",
    "meeting_line": "\n#{id} {when}: <b>{title}</b>\nWhere: {place}\nAgenda: {agenda}",
    "calendar_button": "📅 Calendar file #{id}",
    "invite_now_button": "📨 Send the invitation now",
    "meeting_invitation": (
        "📨 Invitation: <b>{title}</b> on {when}.\nWhere: {place}\nAgenda: {agenda}\n"
        "Add it to your calendar with the file below."
    ),
    "invitation_sent": "The invitation was sent to {count} participant(s).",
    "usage_move": "Usage: /move &lt;number&gt; &lt;new date and time&gt;",
    "usage_cancel_meeting": "Usage: /cancelmeeting &lt;number&gt;",
    "unknown_meeting": "Meeting #{id} does not exist.",
    "meeting_is_cancelled": "Meeting #{id} was cancelled already; it can no longer change.",
    "move_confirm": "Move <b>{title}</b> to <b>{when}</b>? The participants will be told.",
    "cancel_confirm": "Cancel <b>{title}</b> on {when}? The participants will be told.",
    "moved": "Moved; {count} participant(s) were told.",
    "meeting_cancelled_done": "Cancelled; {count} participant(s) were told.",
    "curated_to_asker": "The coordinator answered your question:\n<i>{question}</i>\n\n{answer}",
}

# Keeping the knowledge base up from Telegram: documents (/bronnen) and curated answers
# (/antwoorden), coordinators only.
NL |= {
    "doc_reading": "Even lezen: <i>{name}</i>…",
    "doc_too_big": (
        "<i>{name}</i> is {size} MB. Een bot mag bij Telegram bestanden tot 20 MB ophalen. "
        "Stuur een kleinere versie (bijvoorbeeld een PDF zonder grote afbeeldingen), of laat "
        "de beheerder het toevoegen met <code>vonkje ingest</code>. Er is niets veranderd."
    ),
    "doc_download_failed": (
        "Het bestand ophalen bij Telegram lukte niet. Stuur het zo nog eens; er is niets veranderd."
    ),
    "doc_unreadable": "Ik kan <i>{name}</i> niet toevoegen: {reason} Er is niets veranderd.",
    "doc_reason_wrong_type": (
        "ik lees PDF, Word (.docx), tekst (.txt), Markdown (.md) en HTML, geen ander soort bestand."
    ),
    "doc_reason_too_big": "het bestand is te groot om veilig te lezen.",
    "doc_reason_empty": "het bestand is leeg.",
    "doc_reason_no_text": "er staat geen tekst in.",
    "doc_reason_no_text_layer": (
        "de PDF lijkt een scan: er staan alleen afbeeldingen in, geen tekst. Stuur het "
        "originele bestand (bijvoorbeeld Word), of de PDF na tekstherkenning (OCR)."
    ),
    "doc_reason_too_much_text": (
        "er staat te veel tekst in (meer dan zo'n 750 passages). Splits het in delen."
    ),
    "doc_reason_not_language": "de inhoud lijkt geen leesbare tekst.",
    "doc_reason_corrupt": "het bestand is beschadigd of niet te openen.",
    "doc_reason_secret": (
        "de naam lijkt op een bestand met wachtwoorden of sleutels, en zulke bestanden neem "
        "ik nooit op. Geef het een andere naam als dat niet zo is."
    ),
    "doc_reason_unreadable": "het bestand is niet te lezen.",
    "doc_preview": (
        "<b>{title}</b> ({name})\n{passages} passages in {sections} hoofdstuk(ken)"
        "{section_list}\n\nBegint met: <i>{opening}</i>"
    ),
    "doc_preview_replaces": (
        "\n\n⚠️ Dit vervangt de versie die {who} op {when} toevoegde ({passages} passages)."
    ),
    "doc_preview_ask": "\n\nToevoegen aan de kennisbank? Iedereen kan er dan vragen over stellen.",
    "doc_unchanged": (
        "<b>{title}</b> ({name}) staat al precies zo in de kennisbank. Er is niets veranderd."
    ),
    "doc_add_button": "✅ Toevoegen",
    "doc_replace_button": "✅ Vervangen",
    "doc_cancel_button": "Annuleren",
    "doc_indexing": "Bezig met inlezen van <i>{title}</i>… bij een groot document duurt dat even.",
    "doc_added": (
        "✅ <b>{title}</b> is toegevoegd ({passages} passages). Vragen erover beantwoord ik "
        "vanaf nu. Alle documenten: /bronnen"
    ),
    "doc_replaced": "✅ <b>{title}</b> is vervangen door de nieuwe versie ({passages} passages).",
    "doc_not_added": "Oké, niet toegevoegd. Er is niets veranderd.",
    "doc_gone": "Dit bestand wacht niet meer op een keuze. Stuur het gerust opnieuw.",
    "sources_header": "<b>Documenten in de kennisbank</b> ({count})",
    "sources_added_header": "\n<b>Toegevoegd</b>",
    "sources_builtin_header": "\n<b>Ingebouwd</b> (wijzigen met een nieuwe versie van Vonkje)",
    "sources_none_added": "Nog geen: stuur me een bestand om er een toe te voegen.",
    "source_line": "• <b>{title}</b> – {passages} passages – {origin}",
    "source_builtin_line": "• {title} – {passages} passages",
    "origin_telegram": "toegevoegd door {who} op {when}",
    "origin_cli": "ingelezen met vonkje ingest op {when}",
    "origin_unknown": "ingelezen op {when}",
    "sources_answers": "\n{count} antwoord(en) van coördinatoren: /antwoorden",
    "sources_how_to_add": (
        "\nEen document toevoegen: stuur me een PDF-, Word-, tekst-, Markdown- of HTML-bestand "
        "(tot 20 MB). Een bestand met dezelfde naam vervangt het oude."
    ),
    "source_remove_button": "🗑 {title}",
    "source_remove_confirm": (
        "<b>{title}</b> ({passages} passages) uit de kennisbank verwijderen? Vragen erover "
        "beantwoord ik dan niet meer uit dit document."
    ),
    "remove_button": "🗑 Verwijderen",
    "keep_button": "Laten staan",
    "source_removed": "🗑 <b>{title}</b> is uit de kennisbank verwijderd.",
    "source_kept": "Oké, het document blijft staan.",
    "source_gone": "Dat document staat niet (meer) in de kennisbank.",
    "answers_none": (
        "Er zijn nog geen antwoorden van coördinatoren. Ze ontstaan als je een vraag van "
        "/onbeantwoord beantwoordt."
    ),
    "answers_header": "<b>Antwoorden van coördinatoren</b> ({count})",
    "answer_item": "\n<b>#{id}</b> <i>{question}</i>\n{answer}\n– {who}, {when}",
    "answer_edit_button": "✏️ #{id}",
    "answer_remove_button": "🗑 #{id}",
    "answer_edit_prompt": (
        "Typ het nieuwe antwoord op #{id}:\n<i>{question}</i>\n\nNu staat er:\n{answer}\n"
        "(/cancel om te stoppen)"
    ),
    "answer_edited": "✅ Antwoord #{id} is bijgewerkt; vragen krijgen nu de nieuwe tekst.",
    "answer_remove_confirm": (
        "Antwoord #{id} op <i>{question}</i> uit de kennisbank verwijderen? De vraag komt niet "
        "terug op /onbeantwoord."
    ),
    "answer_removed": "🗑 Antwoord #{id} is uit de kennisbank verwijderd.",
    "answer_kept": "Oké, het antwoord blijft staan.",
    "answer_gone": "Antwoord #{id} staat niet (meer) in de kennisbank.",
}
EN |= {
    "doc_reading": "Reading <i>{name}</i>…",
    "doc_too_big": (
        "<i>{name}</i> is {size} MB. Telegram lets a bot download files up to 20 MB. Send a "
        "smaller version (for example a PDF without large images), or ask the administrator "
        "to add it with <code>vonkje ingest</code>. Nothing was changed."
    ),
    "doc_download_failed": (
        "Fetching the file from Telegram failed. Please send it again in a moment; nothing "
        "was changed."
    ),
    "doc_unreadable": "I can't add <i>{name}</i>: {reason} Nothing was changed.",
    "doc_reason_wrong_type": (
        "I read PDF, Word (.docx), text (.txt), Markdown (.md) and HTML, no other kind of file."
    ),
    "doc_reason_too_big": "the file is too large to read safely.",
    "doc_reason_empty": "the file is empty.",
    "doc_reason_no_text": "it holds no text.",
    "doc_reason_no_text_layer": (
        "the PDF looks like a scan: it holds only images, no text. Send the original file "
        "(Word, for example), or the PDF after text recognition (OCR)."
    ),
    "doc_reason_too_much_text": (
        "it holds too much text (more than about 750 passages). Split it into parts."
    ),
    "doc_reason_not_language": "its content does not look like readable text.",
    "doc_reason_corrupt": "the file is damaged or cannot be opened.",
    "doc_reason_secret": (
        "its name looks like a file of passwords or keys, and I never take those in. Rename "
        "it if it is not one."
    ),
    "doc_reason_unreadable": "the file cannot be read.",
    "doc_preview": (
        "<b>{title}</b> ({name})\n{passages} passages in {sections} section(s)"
        "{section_list}\n\nStarts with: <i>{opening}</i>"
    ),
    "doc_preview_replaces": (
        "\n\n⚠️ This replaces the version {who} added on {when} ({passages} passages)."
    ),
    "doc_preview_ask": "\n\nAdd it to the knowledge base? Everyone can then ask about it.",
    "doc_unchanged": (
        "<b>{title}</b> ({name}) is in the knowledge base exactly like this already. Nothing "
        "was changed."
    ),
    "doc_add_button": "✅ Add",
    "doc_replace_button": "✅ Replace",
    "doc_cancel_button": "Cancel",
    "doc_indexing": "Reading in <i>{title}</i>… a large document takes a while.",
    "doc_added": (
        "✅ <b>{title}</b> was added ({passages} passages). I answer questions about it from "
        "now on. All documents: /sources"
    ),
    "doc_replaced": "✅ <b>{title}</b> was replaced by the new version ({passages} passages).",
    "doc_not_added": "OK, not added. Nothing was changed.",
    "doc_gone": "This file is no longer waiting for a choice. Feel free to send it again.",
    "sources_header": "<b>Documents in the knowledge base</b> ({count})",
    "sources_added_header": "\n<b>Added</b>",
    "sources_builtin_header": "\n<b>Built in</b> (changed by a new version of Vonkje)",
    "sources_none_added": "None yet: send me a file to add one.",
    "source_line": "• <b>{title}</b> – {passages} passages – {origin}",
    "source_builtin_line": "• {title} – {passages} passages",
    "origin_telegram": "added by {who} on {when}",
    "origin_cli": "read in with vonkje ingest on {when}",
    "origin_unknown": "read in on {when}",
    "sources_answers": "\n{count} answer(s) by coordinators: /answers",
    "sources_how_to_add": (
        "\nTo add a document, send me a PDF, Word, text, Markdown or HTML file (up to 20 MB). "
        "A file with the same name replaces the old one."
    ),
    "source_remove_button": "🗑 {title}",
    "source_remove_confirm": (
        "Remove <b>{title}</b> ({passages} passages) from the knowledge base? I will no longer "
        "answer questions from this document."
    ),
    "remove_button": "🗑 Remove",
    "keep_button": "Keep it",
    "source_removed": "🗑 <b>{title}</b> was removed from the knowledge base.",
    "source_kept": "OK, the document stays.",
    "source_gone": "That document is not (or no longer) in the knowledge base.",
    "answers_none": (
        "There are no answers by coordinators yet. They are made by answering a question "
        "from /unanswered."
    ),
    "answers_header": "<b>Answers by coordinators</b> ({count})",
    "answer_item": "\n<b>#{id}</b> <i>{question}</i>\n{answer}\n– {who}, {when}",
    "answer_edit_button": "✏️ #{id}",
    "answer_remove_button": "🗑 #{id}",
    "answer_edit_prompt": (
        "Type the new answer to #{id}:\n<i>{question}</i>\n\nIt now says:\n{answer}\n"
        "(/cancel to stop)"
    ),
    "answer_edited": "✅ Answer #{id} was updated; questions now get the new text.",
    "answer_remove_confirm": (
        "Remove answer #{id} to <i>{question}</i> from the knowledge base? The question does "
        "not go back to /unanswered."
    ),
    "answer_removed": "🗑 Answer #{id} was removed from the knowledge base.",
    "answer_kept": "OK, the answer stays.",
    "answer_gone": "Answer #{id} is not (or no longer) in the knowledge base.",
}

LANGUAGES = {"nl": NL, "en": EN}


def say(language: str, key: str, *, html_values: dict | None = None, **values) -> str:
    """The text for `key` in `language`, with every value HTML-escaped; `html_values` are
    pieces of HTML made with `say` already (a list of lines), inserted as they are."""
    template = LANGUAGES.get(language, NL)[key]
    escaped = {k: html.escape(str(v), quote=False) for k, v in values.items()}
    return template.format(**escaped, **(html_values or {}))


# Storage errors are codes with details (storage/errors.py); they are worded here, at the edge.
ERRORS = {
    "nl": {
        "invite_days": "Een uitnodiging is 1 tot {most} dagen geldig.",
        "invite_uses": "Een uitnodiging is 1 tot {most} keer te gebruiken.",
        "invite_revoked": "Deze uitnodiging is ingetrokken. Vraag een nieuwe aan.",
        "invite_expired": "Deze uitnodiging is verlopen. Vraag een nieuwe aan.",
        "invite_used_up": (
            "Deze uitnodiging is al zo vaak gebruikt als mocht. Vraag een nieuwe aan."
        ),
        "invite_unknown": "Deze uitnodiging is onbekend. Controleer de link.",
        "question_not_found": "Vraag {id} bestaat niet.",
        "feedback_value": "Feedback moet 1 of -1 zijn, niet {value}.",
        "feedback_not_asker": "Alleen wie de vraag stelde kan feedback geven.",
        "update_not_found": "Voortgangsupdate {id} bestaat niet.",
        "update_too_old": (
            "Update {id} is ouder dan {days} dagen en kan niet meer worden gewijzigd of "
            "ingetrokken."
        ),
        "fields_not_correctable": "Deze velden kun je niet corrigeren: {fields}.",
        "no_fields": "Geef minstens één veld om te corrigeren.",
        "update_not_author": "Alleen de auteur kan deze update wijzigen of intrekken.",
        "update_withdrawn": "Deze update is ingetrokken en kan niet meer worden gecorrigeerd.",
        "proeftuin_exists": "Er bestaat al een proeftuin met de naam '{name}'.",
        "proeftuin_not_found": "Geen proeftuin met nummer {id}.",
        "proeftuin_name_unknown": "Geen proeftuin gevonden voor '{name}'.",
        "proeftuin_ambiguous": "'{name}' past bij meerdere proeftuinen: {names}.",
        "meeting_not_found": "Bijeenkomst {id} bestaat niet.",
        "meeting_cancelled": "'{title}' is geannuleerd en kan niet worden verplaatst.",
        "meeting_already_cancelled": "'{title}' was al geannuleerd.",
        "start_without_timezone": "De starttijd heeft geen tijdzone; geef een tijd met tijdzone.",
        "start_in_past": "De starttijd moet in de toekomst liggen.",
        "meeting_without_proeftuinen": (
            "Kies minstens één proeftuin, of geen keuze voor alle proeftuinen."
        ),
        "language_unknown": "Onbekende taal '{value}'; kies uit {choices}.",
        "person_unknown": "Persoon {id} is niet bekend; eerst /start.",
        "text_empty": "{what} mag niet leeg zijn.",
        "count_not_integer": "{what} moet een geheel getal zijn, niet {value}.",
        "count_out_of_range": "{what} moet tussen 0 en {most} liggen, niet {value}.",
        "role_unknown": "Onbekende rol '{value}'; kies uit {choices}.",
        "reminder_kind_missing": "Een herinnering heeft een soort nodig (bijv. 'd1').",
        "reminder_status_unknown": "Onbekende status '{value}'; kies uit {choices}.",
        "reminder_not_claimed": "Deze herinnering is nooit geclaimd.",
        "checkin_cadence": "Een check-in is elke 1 tot 13 weken, op een werkdag.",
        "hours_out_of_range": "Het aantal uren moet tussen 0 en {most} liggen, niet {value}.",
        "knelpunt_not_found": "Knelpunt {id} bestaat niet.",
        "curated_answer_not_found": "Antwoord #{id} staat niet (meer) in de kennisbank.",
        "knowledge_action": "Onbekende wijziging van de kennisbank: '{value}'.",
        "knowledge_via": "Onbekende weg naar de kennisbank: '{value}'.",
    },
    "en": {
        "invite_days": "An invite is valid for 1 to {most} days.",
        "invite_uses": "An invite can be used 1 to {most} times.",
        "invite_revoked": "This invite was revoked. Ask for a new one.",
        "invite_expired": "This invite has expired. Ask for a new one.",
        "invite_used_up": "This invite has been used as often as allowed. Ask for a new one.",
        "invite_unknown": "This invite is unknown. Check the link.",
        "question_not_found": "Question {id} does not exist.",
        "feedback_value": "Feedback must be 1 or -1, not {value}.",
        "feedback_not_asker": "Only the person who asked can give feedback.",
        "update_not_found": "Progress update {id} does not exist.",
        "update_too_old": "Update {id} is older than {days} days and can no longer be changed.",
        "fields_not_correctable": "These fields cannot be corrected: {fields}.",
        "no_fields": "Give at least one field to correct.",
        "update_not_author": "Only the author can change or withdraw this update.",
        "update_withdrawn": "This update was withdrawn and can no longer be corrected.",
        "proeftuin_exists": "A proeftuin named '{name}' already exists.",
        "proeftuin_not_found": "No proeftuin with number {id}.",
        "proeftuin_name_unknown": "No proeftuin found for '{name}'.",
        "proeftuin_ambiguous": "'{name}' matches several proeftuinen: {names}.",
        "meeting_not_found": "Meeting {id} does not exist.",
        "meeting_cancelled": "'{title}' was cancelled and cannot be moved.",
        "meeting_already_cancelled": "'{title}' was already cancelled.",
        "start_without_timezone": "The start time has no time zone; give one with a time zone.",
        "start_in_past": "The start time must lie in the future.",
        "meeting_without_proeftuinen": "Choose at least one proeftuin, or none for all of them.",
        "language_unknown": "Unknown language '{value}'; choose from {choices}.",
        "person_unknown": "Person {id} is not known; /start first.",
        "text_empty": "{what} cannot be empty.",
        "count_not_integer": "{what} must be a whole number, not {value}.",
        "count_out_of_range": "{what} must lie between 0 and {most}, not {value}.",
        "role_unknown": "Unknown role '{value}'; choose from {choices}.",
        "reminder_kind_missing": "A reminder needs a kind (e.g. 'd1').",
        "reminder_status_unknown": "Unknown status '{value}'; choose from {choices}.",
        "reminder_not_claimed": "This reminder was never claimed.",
        "checkin_cadence": "A check-in is every 1 to 13 weeks, on a weekday.",
        "hours_out_of_range": "The number of hours must lie between 0 and {most}, not {value}.",
        "knelpunt_not_found": "Knelpunt {id} does not exist.",
        "curated_answer_not_found": "Answer #{id} is not (or no longer) in the knowledge base.",
        "knowledge_action": "Unknown change to the knowledge base: '{value}'.",
        "knowledge_via": "Unknown way into the knowledge base: '{value}'.",
    },
}
FIELDS = {  # the `what` of a storage error
    "nl": {
        "question": "De vraag",
        "answer": "Het antwoord",
        "raw_text": "De tekst van de update",
        "jobs_realised": "Het aantal banen",
        "candidates": "Het aantal kandidaten",
        "internships": "Het aantal stages",
        "jobs_ended": "Het aantal beëindigde banen",
        "proeftuin_name": "De naam van de proeftuin",
        "jobs_target": "Het banendoel",
        "meeting_title": "De titel van de bijeenkomst",
        "person_name": "De naam",
        "feedback_note": "Je toelichting",
    },
    "en": {
        "question": "The question",
        "answer": "The answer",
        "raw_text": "The text of the update",
        "jobs_realised": "The number of jobs",
        "candidates": "The number of candidates",
        "internships": "The number of internships",
        "jobs_ended": "The number of jobs ended",
        "proeftuin_name": "The name of the proeftuin",
        "jobs_target": "The jobs target",
        "meeting_title": "The title of the meeting",
        "person_name": "The name",
        "feedback_note": "Your note",
    },
}


def describe(error, language: str, *, as_html: bool = True) -> str:
    """A storage error in the user's language (HTML-escaped for Telegram, plain for the
    terminal); an unknown code is shown as is."""
    escape = (lambda v: html.escape(v, quote=False)) if as_html else (lambda v: v)
    language = language if language in ERRORS else "nl"
    details = dict(getattr(error, "details", {}))
    if "what" in details:
        details["what"] = FIELDS[language].get(details["what"], details["what"])
    template = ERRORS[language].get(getattr(error, "code", ""))
    if template is None:
        return escape(str(error))
    return template.format(**{k: escape(str(v)) for k, v in details.items()})
