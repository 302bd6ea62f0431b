//! Pairing quote marks into quoted spans, paragraph by paragraph.
//!
//! Double marks (straight, curly, „ “, doubled apostrophes '' and ``) and guillemets are the
//! primary marks; single marks count only outside them and only where the context rules out an
//! apostrophe. A mark left open at the end of a paragraph is dropped there, unless the next
//! paragraph opens with the same kind of mark: the news convention for a quote running over
//! several paragraphs.

use crate::document::Span;

use super::layout::{trim, within, Layout};

/// A pair of quote marks and what they enclose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Marked {
    /// The opening mark.
    pub open: Span,
    /// The closing mark.
    pub close: Span,
    /// The content between them, trimmed of white space.
    pub content: Span,
}

/// The family a mark belongs to: a closing mark only closes an opening one of its own family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Guillemet,
    Single,
}

/// What a mark can do in its context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

#[derive(Clone, Copy, Debug)]
struct Mark {
    span: Span,
    family: Family,
    role: Role,
}

/// An opening mark still waiting for its closing one.
#[derive(Clone, Copy, Debug)]
struct Pending {
    open: Span,
    family: Family,
}

/// Finds every quoted span of `text`, in text order.
pub(crate) fn find(text: &str, layout: &Layout) -> Vec<Marked> {
    let mut found = Vec::new();
    let mut marks = Vec::new();
    // The bytes that may be quote marks, found in one pass over the text: paragraphs are
    // often a line or two, too short for a search of their own to pay.
    let candidates = candidates(text.as_bytes());
    let mut next = 0;
    // A quote carried over from the previous paragraph, and the mark that reopened it.
    let mut carried: Option<(Pending, Span)> = None;
    for (index, &para) in layout.paragraphs.iter().enumerate() {
        marks.clear();
        scan(text, para, within(&candidates, &mut next, para), &mut marks);
        let mut pending: Option<Pending> = None;
        let mut first = 0;
        if let Some((open, reopen)) = carried.take() {
            if marks.first().is_some_and(|m| m.span == reopen) {
                pending = Some(open);
                first = 1;
            }
        }
        for mark in &marks[first..] {
            match pending {
                None => {
                    if mark.role != Role::Close {
                        pending = Some(Pending {
                            open: mark.span,
                            family: mark.family,
                        });
                    }
                }
                Some(open) if open.family == mark.family => {
                    if mark.role == Role::Open {
                        // Two openers in a row: the first was never closed.
                        pending = Some(Pending {
                            open: mark.span,
                            family: mark.family,
                        });
                    } else {
                        push(text, open.open, mark.span, &mut found);
                        pending = None;
                    }
                }
                // A mark of another family inside an open quote is nested: ignore it.
                Some(_) => {}
            }
        }
        if let Some(open) = pending {
            if open.family != Family::Single && continues(text, open.open, para) {
                if let Some(&next) = layout.paragraphs.get(index + 1) {
                    if let Some(reopen) = opening_mark(text, next, open.family) {
                        carried = Some((open, reopen));
                    }
                }
            }
        }
    }
    found
}

fn push(text: &str, open: Span, close: Span, found: &mut Vec<Marked>) {
    let content = trim(text, Span::new(open.end, close.start));
    if !content.is_empty() {
        found.push(Marked {
            open,
            close,
            content,
        });
    }
}

/// Does the quote opened at `open` look like the first paragraph of a longer quote: some words,
/// ending in a full sentence?
fn continues(text: &str, open: Span, para: Span) -> bool {
    let rest = Span::new(open.end, para.end).slice(text).trim_end();
    rest.len() > 20 && rest.ends_with(['.', '?', '!', '…', ':'])
}

/// The opening mark of `family` that starts paragraph `para`, if it does.
fn opening_mark(text: &str, para: Span, family: Family) -> Option<Span> {
    let mut marks = Vec::new();
    let head = Span::new(para.start, (para.start + 4).min(para.end));
    let head = Span::new(para.start, floor_boundary(text, head.end));
    let relative = candidates(head.slice(text).as_bytes());
    scan(text, head, relative.into_iter(), &mut marks);
    marks
        .first()
        .filter(|m| m.span.start == para.start && m.family == family && m.role != Role::Close)
        .map(|m| m.span)
}

fn floor_boundary(text: &str, mut pos: usize) -> usize {
    while pos > 0 && !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// The positions, in order, of the bytes that may be quote marks: the ASCII marks, and the
/// lead bytes of « » (C2) and of “ ” „ ‘ ’ (E2).
fn candidates(bytes: &[u8]) -> Vec<usize> {
    let mut all: Vec<usize> = memchr::memchr3_iter(b'"', b'\'', b'`', bytes)
        .chain(memchr::memchr2_iter(0xC2, 0xE2, bytes))
        .collect();
    // Two runs in order: the sort merges them.
    all.sort();
    all
}

/// Appends the quote marks of `span` to `out`, with the role each can play in its context;
/// `candidates` are the [`candidates`] inside it, counted from its start.
fn scan(text: &str, span: Span, candidates: impl Iterator<Item = usize>, out: &mut Vec<Mark>) {
    let slice = span.slice(text);
    let mut i = 0;
    for candidate in candidates {
        if candidate < i {
            continue; // the second half of a doubled mark
        }
        i = candidate;
        let Some(c) = slice[i..].chars().next() else {
            break;
        };
        let prev = slice[..i].chars().next_back();
        let rest = &slice[i + c.len_utf8()..];
        let next = rest.chars().next();
        let mut width = c.len_utf8();
        let mark = match c {
            '„' => Some((Family::Double, Role::Open)),
            // „ … “ in German; elsewhere “ opens.
            '“' => Some((Family::Double, opening_or_closing(prev, next))),
            '”' => Some((Family::Double, closing_or_opening(prev, next))),
            '"' => Some((Family::Double, Role::Either)),
            '«' => Some((Family::Guillemet, Role::Open)),
            '»' => Some((Family::Guillemet, Role::Close)),
            '`' if next == Some('`') => {
                width = 2;
                Some((Family::Double, Role::Open))
            }
            '\'' if next == Some('\'') => {
                width = 2;
                Some((Family::Double, Role::Either))
            }
            '\'' | '‘' | '’' => single(c, prev, rest).map(|r| (Family::Single, r)),
            _ => None,
        };
        if let Some((family, role)) = mark {
            let start = span.start + i;
            out.push(Mark {
                span: Span::new(start, start + width),
                family,
                role,
            });
        }
        i += width;
    }
}

/// `”` used as an opener by some writers: after white space, before a word.
fn closing_or_opening(prev: Option<char>, next: Option<char>) -> Role {
    let after_space = prev.is_none_or(char::is_whitespace);
    if after_space && next.is_some_and(char::is_alphanumeric) {
        Role::Either
    } else {
        Role::Close
    }
}

/// `“` closing a quote opened with `„`: after a word, before a space or punctuation.
fn opening_or_closing(prev: Option<char>, next: Option<char>) -> Role {
    let after_word = prev.is_some_and(|p| !p.is_whitespace());
    if after_word && !next.is_some_and(char::is_alphanumeric) {
        Role::Either
    } else {
        Role::Open
    }
}

/// The role of a single mark, or `None` when it is an apostrophe (don't, Khamene'i, '90s, 'em).
fn single(c: char, prev: Option<char>, rest: &str) -> Option<Role> {
    let next = rest.chars().next();
    let word_before = prev.is_some_and(char::is_alphanumeric);
    let word_after = next.is_some_and(char::is_alphanumeric);
    if word_before && word_after {
        return None;
    }
    let opens = !word_before && word_after && prev.is_none_or(|p| !matches!(p, '.' | ','));
    if opens {
        if c == '’' || is_elision(rest) {
            return None;
        }
        return Some(Role::Open);
    }
    let closes = prev.is_some_and(|p| !p.is_whitespace())
        && next.is_none_or(|n| n.is_whitespace() || (!n.is_alphanumeric() && n != '\''));
    if closes && c != '‘' {
        // A plural possessive ("the Smiths' house") also looks like this; it only does harm when
        // a single quote is open, which pairing tolerates.
        return Some(Role::Close);
    }
    None
}

/// Words that start with an apostrophe: '90s, 'em, 'til, 'cause, 'n'.
fn is_elision(rest: &str) -> bool {
    let word: &str = rest
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 2 && (word.len() == 2 || &word[2..] == "s") {
        return true;
    }
    ["em", "til", "cause", "n", "tis", "twas", "bout", "round"]
        .iter()
        .any(|e| e.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        let layout = Layout::new(text);
        find(text, &layout)
            .iter()
            .map(|m| m.content.slice(text))
            .collect()
    }

    #[test]
    fn pairs_straight_curly_and_guillemet_marks() {
        assert_eq!(
            quoted("He said \"yes\" and “no” and «oui» and „ja“."),
            ["yes", "no", "oui", "ja"]
        );
    }

    #[test]
    fn apostrophes_never_open_a_quote() {
        let text =
            "Don't ask Khamene'i about the '90s or the Smiths' car, 'til 'em 'Big Joe' ends.";
        assert_eq!(quoted(text), ["Big Joe"]);
    }

    #[test]
    fn single_marks_nest_inside_double_ones() {
        assert_eq!(
            quoted("“He told me ‘never’ twice,” she said."),
            ["He told me ‘never’ twice,"]
        );
    }

    #[test]
    fn unbalanced_marks_cost_one_paragraph() {
        let text = "He said \"this never ends.\nShe said \"fine\" then.";
        assert_eq!(quoted(text), ["fine"]);
    }

    #[test]
    fn multi_paragraph_quote_is_one_span() {
        let text = "“We will go on to the end.\n\n“We shall fight on the beaches,” he said.";
        assert_eq!(
            quoted(text),
            ["We will go on to the end.\n\n“We shall fight on the beaches,"]
        );
    }

    #[test]
    fn doubled_apostrophes_are_double_marks() {
        assert_eq!(quoted("''I think so,'' he said."), ["I think so,"]);
    }
}
