"""The Label Studio labelling config that tasks exported by ``quotes export labelstudio`` use.

One source of truth for the names on both sides: the exporter writes regions and per-region
fields under these names, the converter reads them back, and the XML printed by
``quotes export labelstudio --config`` declares them. A quote is a ``Content`` region; its
cue and its mention are ``Cue`` and ``Source`` regions linked to it by relations; what the
format gives a quote beyond spans (kind, speaker, speaker type, role, a note) are per-region
fields of the content region, because a mention can be shared by several quotes (``"A," he
said. "B."``) and a floating quote has a speaker but no mention (docs/format.md section 2).
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from quotes.records import KINDS, SPEAKER_TYPES

#: ``name`` of the Text object and of the Labels control
TEXT = "text"
LABELS = "label"

CONTENT = "Content"
CUE = "Cue"
SOURCE = "Source"
LABEL_VALUES = (CONTENT, CUE, SOURCE)

#: relation labels, from the content region to its cue and to its source
REL_CUE = "cue"
REL_SOURCE = "source"

#: per-region fields of a content region: name -> Label Studio result type
KIND = "kind"
SPEAKER = "speaker"
SPEAKER_TYPE = "speaker_type"
ROLE = "role"
NOTE = "note"
CHOICE_FIELDS = {KIND: KINDS, SPEAKER_TYPE: SPEAKER_TYPES}
TEXT_FIELDS = (SPEAKER, ROLE, NOTE)

COLOURS = {CONTENT: "#ffd166", CUE: "#06d6a0", SOURCE: "#4cc9f0"}


def _choices(name: str, values: tuple[str, ...], hint: str) -> list[str]:
    lines = [
        f"    <Header value={quoteattr(hint)} size=\"6\"/>",
        f'    <Choices name="{name}" toName="{TEXT}" perRegion="true" choice="single-radio" showInline="true">',
    ]
    lines += [f'      <Choice value="{v}"/>' for v in values]
    lines.append("    </Choices>")
    return lines


def _text_area(name: str, hint: str) -> list[str]:
    return [
        f"    <Header value={quoteattr(hint)} size=\"6\"/>",
        f'    <TextArea name="{name}" toName="{TEXT}" perRegion="true" editable="true" maxSubmissions="1" rows="1"/>',
    ]


def labelling_config() -> str:
    """The XML labelling config: Labels over the text, relations, and the content's fields.

    The fields show only while a Content region is selected, so the annotator edits the
    quote they are looking at.
    """
    lines = [
        "<View>",
        f'  <Labels name="{LABELS}" toName="{TEXT}" choice="single">',
    ]
    lines += [f'    <Label value="{v}" background="{COLOURS[v]}"/>' for v in LABEL_VALUES]
    lines += [
        "  </Labels>",
        f'  <Text name="{TEXT}" value="${TEXT}"/>',
        "  <Relations>",
        f'    <Relation value="{REL_CUE}"/>',
        f'    <Relation value="{REL_SOURCE}"/>',
        "  </Relations>",
        f'  <View visibleWhen="region-selected" whenTagName="{LABELS}" whenLabelValue="{CONTENT}">',
    ]
    lines += _choices(KIND, KINDS, "Kind: direct (all inside quotation marks), indirect, or mixed")
    lines += _text_area(SPEAKER, "Speaker: fullest proper name in the document (empty when never named)")
    lines += _choices(SPEAKER_TYPE, SPEAKER_TYPES, "Speaker type")
    lines += _text_area(ROLE, "Role: position or title as the document states it, without the name")
    lines += _text_area(NOTE, "Note (optional): the reason for a judgement call")
    lines += ["  </View>", "</View>"]
    return "\n".join(lines) + "\n"
