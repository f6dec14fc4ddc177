"""A small invented store for the analysis tests: outlets, wire copies and events with known answers."""
from dyad.model import Actor, ArticleRecord, Event, Outlet, Published
from dyad.store import Store

WIRE = ("Officials in Moscow announced new export restrictions on Japanese machinery makers on Tuesday, "
        "saying the measures answer the latest round of Japanese sanctions against Russian banks. "
        "The ministry said the list could grow if relations worsen further over the coming weeks.")


def event(type_, src, tgt, date, sentence, intensity=None):
    return Event(type_, None, None, intensity, Actor(src, src), Actor(tgt, tgt), "asserted", date, "day",
                 sentence, 0, len(sentence))


def article(store, id_, text, outlet, affiliation, published, events, framing=None):
    rec = ArticleRecord(id=id_, body=text, outlet=Outlet(outlet, "RUS", affiliation),
                        published=Published(published, "day", method="test"), events=events)
    if framing:
        rec.framing = framing
    store.add({"id": id_, "text": text}, rec)


def build(store: Store) -> Store:
    """a1, a2: one wire story (a2 a re-post with a tag line), each with the same SANCTION RUS->JPN;
    a3: another outlet's report of that sanction two days later in its own words;
    a4: a different RUS->JPN SANCTION a month later; a5: a JPN->RUS SANCTION in 2024 and a summoned ambassador."""
    s1 = "Officials in Moscow announced new export restrictions on Japanese machinery makers on Tuesday"
    article(store, "a1", WIRE, "TASS", "state", "2023-03-07", [event("SANCTION", "RUS", "JPN", "2023-03-07", s1, -4.0)])
    article(store, "a2", WIRE + " (Reporting by the wire desk.)", "RIA Novosti", "state", "2023-03-07",
            [event("SANCTION", "RUS", "JPN", "2023-03-07", s1, -4.0)])
    s3 = "Moscow restricted exports of Japanese machinery makers, officials announced."
    article(store, "a3", "Russia moved against Japanese firms. " + s3, "Reuters", "private", "2023-03-09",
            [event("SANCTION", "RUS", "JPN", "2023-03-09", s3, -4.0)])
    s4 = "Russia froze the assets of three Japanese fishing companies in Sakhalin."
    article(store, "a4", s4 + " The decision followed a court ruling.", "Kyodo News", "private", "2023-04-10",
            [event("SANCTION", "RUS", "JPN", "2023-04-10", s4, -4.0),
             event("AGREE", "JPN", "RUS", "2023-04-11", "Tokyo and Moscow agreed on fishing quotas.", 4.0)])
    s5 = "Japan imposed sanctions on Russian shipping firms."
    s6 = "Tokyo summoned the Russian ambassador to protest the drills."
    article(store, "a5", s5 + " " + s6, "NHK", "public", "2024-01-15",
            [event("SANCTION", "JPN", "RUS", "2024-01-15", s5, -4.0),
             event("PROTEST", "JPN", "RUS", "2024-01-15", s6, None)])
    return store
