"""The types beyond the first fifteen, each on the Manual's own example where it has one (CMOS 17 chapter 14;
facts as biblatex's Windy City style re-keys them from the Manual) and in the Bluebook forms Chicago adopts."""

import tomli

from dossiercli.chicago import bibliography_entry, full_note, render, short_note
from dossiercli.model.parse import parse_entry


def entry(text: str):
    built, problems = parse_entry(tomli.loads(text), "example")
    assert problems == []
    return built


def forms(text: str, locator: str | None = None):
    e = entry(text)
    return (
        render(full_note(e, locator), "text"),
        render(short_note(e, locator), "text"),
        render(bibliography_entry(e), "text"),
    )


GERMANO = """type = "blog-post"
title = "Futurist Shock"
container-title = "Lingua Franca"
publisher = "Chronicle of Higher Education"
issued = 2017-02-15
URL = "http://www.chronicle.com/blogs/linguafranca/2017/02/15/futurist-shock/"
author = ["Germano, William"]
"""


def test_a_blog_post_names_the_blog_and_its_publication_14_208():
    note, short, bib = forms(GERMANO)
    assert note == (
        "William Germano, “Futurist Shock,” Lingua Franca (blog), Chronicle of Higher Education, "
        "February 15, 2017, http://www.chronicle.com/blogs/linguafranca/2017/02/15/futurist-shock/."
    )
    assert short == "Germano, “Futurist Shock.”"
    assert bib.startswith(
        "Germano, William. “Futurist Shock.” Lingua Franca (blog), Chronicle of Higher Education, "
        "February 15, 2017. http://"
    )
    named = entry(GERMANO.replace('"Lingua Franca"', '"Lingua Franca Blog"'))
    assert "(blog)" not in render(full_note(named), "text")


def test_a_social_media_post_quotes_its_text_as_written_14_209():
    post = """type = "social-media-post"
title = "Always surprises my students when I tell them that the ‘real’ medieval was more diverse than the fake ones most of us consume"
container-title = "Facebook"
issued = 2016-02-24
URL = "https://www.facebook.com/junotdiaz.writer/posts/972495572815454"
author = ["Díaz, Junot"]
"""
    note, short, bib = forms(post)
    assert short == "Díaz, “Always surprises my students.”"  # a post's opening words (14.209)
    assert note == (
        "Junot Díaz, “Always surprises my students when I tell them that the ‘real’ medieval was more "
        "diverse than the fake ones most of us consume,” Facebook, February 24, 2016, "
        "https://www.facebook.com/junotdiaz.writer/posts/972495572815454."
    )  # never headline-cased
    assert bib.startswith("Díaz, Junot. “Always surprises my students")
    photo = entry(post.replace('container-title = "Facebook"', 'container-title = "Instagram"\ngenre = "photo"'))
    assert "consume,” Instagram photo, February 24, 2016," in render(full_note(photo), "text")


def test_a_film_gives_its_director_and_both_dates_14_265():
    film = """type = "video"
title = "Monty Python and the Holy Grail"
original-date = "1975"
publisher = "Columbia TriStar Home Entertainment"
publisher-place = "Culver City, CA"
issued = "2001"
medium = "DVD"
director = ["Gilliam, Terry", "Jones, Terry"]
"""
    note, short, bib = forms(film)
    assert note == (
        "Monty Python and the Holy Grail, directed by Terry Gilliam and Terry Jones (1975; Culver City, "
        "CA: Columbia TriStar Home Entertainment, 2001), DVD."
    )
    assert short == "Monty Python."
    assert bib == (
        "Monty Python and the Holy Grail. Directed by Terry Gilliam and Terry Jones. 1975; Culver City, "
        "CA: Columbia TriStar Home Entertainment, 2001. DVD."
    )


def test_an_online_video_names_its_platform_and_running_time():
    video = """type = "video"
title = "How to Take a Picture of a Black Hole"
container-title = "TED"
genre = "video"
dimensions = "12:51"
issued = 2017-04-28
URL = "https://example.org/talks/black-hole"
author = ["Bouman, Katie"]
"""
    note, _, _ = forms(video)
    assert note == (
        "Katie Bouman, “How to Take a Picture of a Black Hole,” TED video, 12:51, April 28, 2017, "
        "https://example.org/talks/black-hole."
    )


def test_a_review_names_the_work_reviewed_14_202():
    review = """type = "review"
title = "Deconstructing Dinner"
container-title = "New York Times"
reviewed-title = "The Omnivore’s Dilemma: A Natural History of Four Meals"
issued = 2006-04-23
section = "Sunday Book Review"
URL = "http://www.nytimes.com/2006/04/23/books/review/23kamp.html"
author = ["Kamp, David"]
reviewed-author = ["Pollan, Michael"]
"""
    note, _, bib = forms(review)
    assert note == (
        "David Kamp, “Deconstructing Dinner,” review of The Omnivore’s Dilemma: A Natural History of "
        "Four Meals, by Michael Pollan, New York Times, April 23, 2006, Sunday Book Review, "
        "http://www.nytimes.com/2006/04/23/books/review/23kamp.html."
    )
    assert "Review of The Omnivore’s Dilemma" in bib


def test_reference_entries_sub_verbo_14_233_and_by_author_14_234():
    wiki = """type = "encyclopedia-entry"
title = "Stevie Nicks"
container-title = "Wikipedia"
issued = 2016-04-02
URL = "http://en.wikipedia.org/wiki/Stevie_Nicks"
"""
    note, short, _ = forms(wiki)
    assert (
        note
        == "Wikipedia, s.v. “Stevie Nicks,” last modified April 2, 2016, http://en.wikipedia.org/wiki/Stevie_Nicks."
    )
    assert short == "Wikipedia, s.v. “Stevie Nicks.”"
    signed = entry("""type = "encyclopedia-entry"
title = "Bulls"
container-title = "Encyclopedia of Chicago"
publisher = "University of Chicago Press"
publisher-place = "Chicago"
issued = "2004"
author = ["Isaacson, Melissa"]
""")
    assert render(full_note(signed), "text") == (
        "Melissa Isaacson, “Bulls,” in Encyclopedia of Chicago (Chicago: University of Chicago Press, 2004)."
    )


def test_a_work_of_art_gives_medium_size_and_where_it_is_14_235():
    note, _, bib = forms("""type = "artwork"
title = "The Persistence of Memory"
issued = "1931"
medium = "oil on canvas"
dimensions = "9½ × 13″ (24.1 × 33 cm)"
archive = "Museum of Modern Art"
archive-place = "New York"
URL = "http://www.moma.org/collection/works/79018"
author = ["Dalí, Salvador"]
""")
    assert note == (
        "Salvador Dalí, The Persistence of Memory, 1931, oil on canvas, 9½ × 13″ (24.1 × 33 cm), "
        "Museum of Modern Art, New York, http://www.moma.org/collection/works/79018."
    )
    assert bib.startswith("Dalí, Salvador. The Persistence of Memory. 1931. Oil on canvas, 9½ × 13″")


def test_a_patent_with_its_filing_and_issue_dates_14_258():
    note, _, bib = forms("""type = "patent"
title = "Cement admixture"
authority = "US"
number = "4,586,960"
submitted = 1984-06-26
issued = 1986-05-06
author = ["Iizuka, Masanori", "Tanaka, Hideki"]
""")
    assert note == (
        "Masanori Iizuka and Hideki Tanaka, Cement admixture, US Patent 4,586,960, "
        "filed June 26, 1984, and issued May 6, 1986."
    )
    assert bib == (
        "Iizuka, Masanori, and Hideki Tanaka. Cement admixture. US Patent 4,586,960, "
        "filed June 26, 1984, and issued May 6, 1986."
    )


def test_a_court_case_in_full_then_short_with_a_pinpoint():
    case = """type = "legal-case"
title = "Brown v. Board of Education"
volume = "347"
container-title = "U.S."
page = "483"
issued = "1954"
"""
    note, short, bib = forms(case, "495")
    assert note == "Brown v. Board of Education, 347 U.S. 483, 495 (1954)."
    assert short == "Brown, 347 U.S. at 495."
    assert bib == "Brown v. Board of Education, 347 U.S. 483 (1954)."
    appeal = entry(
        case.replace('"U.S."', '"F.3d"').replace('issued = "1954"', 'authority = "4th Cir."\nissued = "2000"')
    )
    assert render(full_note(appeal), "text").endswith("347 F.3d 483 (4th Cir. 2000).")


def test_statutes_bills_and_hearings():
    act = """type = "legislation"
title = "Homeland Security Act of 2002"
number = "Pub. L. No. 107-296"
volume = "116"
container-title = "Stat."
page = "2135"
issued = "2002"
"""
    assert forms(act)[0] == "Homeland Security Act of 2002, Pub. L. No. 107-296, 116 Stat. 2135 (2002)."
    bill = """type = "legislation"
title = "Anti-Phishing Act"
number = "H.R. 1099"
authority = "109th Cong."
issued = "2005"
"""
    assert forms(bill)[0] == "Anti-Phishing Act, H.R. 1099, 109th Cong. (2005)."
    hearing = """type = "hearing"
title = "Iraq after the Surge"
publisher = "Senate Committee on Foreign Relations"
authority = "110th Cong."
issued = "2008"
"""
    assert forms(hearing, "12")[0] == (
        "Iraq after the Surge: Hearing Before the Senate Committee on Foreign Relations, 110th Cong. 12 (2008)."
    )


def test_a_data_set_with_its_version():
    note, _, bib = forms("""type = "dataset"
title = "Iraq Body Count Database"
version = "2.1"
publisher = "Iraq Body Count"
issued = "2008"
URL = "https://example.org/ibc/database"
""")
    assert (
        note
        == "Iraq Body Count, Iraq Body Count Database, version 2.1 (data set), 2008, https://example.org/ibc/database."
    )
    assert (
        bib
        == "Iraq Body Count. Iraq Body Count Database. Version 2.1. Data set. 2008. https://example.org/ibc/database."
    )
