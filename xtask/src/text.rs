//! Small text helpers shared by every source: script checks, folding and casing.

/// Maps a Latin letter with diacritics to its plain ASCII spelling.
/// The matcher folds accents, so collisions must be detected on folded keys too.
fn fold_char(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåāăąǎȁȃȧạảấầẩẫậắằẳẵặ", "a"),
        ("çćĉċč", "c"),
        ("ďđḍ", "d"),
        ("èéêëēĕėęěȅȇẹẻẽếềểễệ", "e"),
        ("ĝğġģǧ", "g"),
        ("ĥħḥ", "h"),
        ("ìíîïĩīĭįıǐȉȋịỉ", "i"),
        ("ĵ", "j"),
        ("ķǩ", "k"),
        ("ĺļľŀł", "l"),
        ("ñńņňŉṇ", "n"),
        ("òóôõöøōŏőǒȍȏọỏốồổỗộớờởỡợơ", "o"),
        ("ŕŗřṛ", "r"),
        ("śŝşšșṣ", "s"),
        ("ţťŧțṭ", "t"),
        ("ùúûüũūŭůűųǔȕȗụủứừửữựư", "u"),
        ("ŵ", "w"),
        ("ýÿŷỳỹỵ", "y"),
        ("źżžẓ", "z"),
        ("æ", "ae"),
        ("œ", "oe"),
        ("ß", "ss"),
        ("þ", "th"),
        ("ð", "d"),
    ];
    TABLE
        .iter()
        .find(|(from, _)| from.contains(c))
        .map(|(_, to)| *to)
}

/// Collision key: lowercase, accents folded, punctuation treated as a space, like the matcher.
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(plain) = fold_char(c) {
            out.push_str(plain);
        } else if c.is_alphanumeric() {
            out.push(c);
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True for letters of the Latin script (ASCII, Latin-1, Extended-A/B, Extended Additional).
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c.is_alphabetic()
            && matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF)
            && c != '×'
            && c != '÷')
}

/// A name is usable when it is made of Latin letters and the punctuation names use.
pub fn is_latin_name(s: &str, extra_punct: &str) -> bool {
    !s.is_empty()
        && s.chars().any(is_latin_letter)
        && s.chars().all(|c| {
            is_latin_letter(c) || c == ' ' || "-.'’".contains(c) || extra_punct.contains(c)
        })
}

/// Collapses runs of whitespace and trims.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes parenthesised parts: "Mukesh (actor)" -> "Mukesh".
pub fn strip_parens(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    squash(&out)
}

/// Letters of a word, ignoring dots and hyphens ("U.N." -> "UN").
fn letters(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars().filter(|c| c.is_alphabetic())
}

/// An all-caps word of 2+ letters: the matcher requires it in capitals.
pub fn is_acronym_word(word: &str) -> bool {
    letters(word).count() >= 2 && letters(word).all(char::is_uppercase)
}

/// An alias whose every word is an acronym ("NATO", "U.N.", "UAE").
pub fn is_acronym(alias: &str) -> bool {
    let words: Vec<&str> = alias
        .split([' ', '.', '-'])
        .filter(|w| !w.is_empty())
        .collect();
    let joined: String = words.concat();
    !words.is_empty()
        && letters(&joined).all(char::is_uppercase)
        && (words.len() > 1 || is_acronym_word(&joined))
}

/// Roman numerals like "II" or "XIV" must stay in capitals.
fn is_roman(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| "IVXLC".contains(c))
}

/// "DUPONT" -> "Dupont", "JEAN-PIERRE" -> "Jean-Pierre". Names from some scrapers write surnames
/// in capitals, which the matcher would then require in the text.
pub fn fix_shouted_word(word: &str) -> String {
    if letters(word).count() < 3 || !letters(word).all(char::is_uppercase) || is_roman(word) {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

/// Capitalises the first letter of every hyphen part: "commander-in-chief" -> "Commander-in-Chief"
/// keeps short particles lower.
pub fn capitalise(word: &str) -> String {
    word.split('-')
        .enumerate()
        .map(|(i, part)| {
            if i > 0 && matches!(part, "in" | "of" | "de" | "at") {
                return part.to_string();
            }
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// Lowercase ASCII slug for ids: "Agence France-Presse" -> "agence-france-presse".
pub fn slug(s: &str) -> String {
    fold_key(s)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
}

/// Number of words, counting hyphenated parts as one word.
pub fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_like_the_matcher() {
        assert_eq!(fold_key("François  Hollande"), "francois hollande");
        assert_eq!(fold_key("U.S."), "u s");
        assert_eq!(fold_key("Türkiye"), "turkiye");
    }

    #[test]
    fn acronyms() {
        assert!(is_acronym("NATO"));
        assert!(is_acronym("U.N."));
        assert!(!is_acronym("Nato"));
        assert!(!is_acronym("A"));
    }

    #[test]
    fn casing() {
        assert_eq!(fix_shouted_word("DUPONT"), "Dupont");
        assert_eq!(fix_shouted_word("JD"), "JD");
        assert_eq!(fix_shouted_word("III"), "III");
        assert_eq!(fix_shouted_word("O'NEILL"), "O'Neill");
        assert_eq!(capitalise("commander-in-chief"), "Commander-in-Chief");
        assert_eq!(slug("Agence France-Presse"), "agence-france-presse");
    }
}
