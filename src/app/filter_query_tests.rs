//! Filter terms against search keys, narrowing, and which field matched.

use super::*;

fn key(name: &str, labels: &[(&str, &str)]) -> Box<str> {
    search_key(
        name,
        "fhmABC1",
        "10.128.0.7",
        "51.250.1.2",
        labels.iter().copied(),
    )
}

/// Fails unless every text of `hits` matches `row` and none of `misses` does.
#[track_caller]
fn assert_matches(row: &str, hits: &[&str], misses: &[&str]) {
    for text in hits {
        assert!(Query::parse(text).matches(row), "{text:?} should match");
    }
    for text in misses {
        assert!(
            !Query::parse(text).matches(row),
            "{text:?} should not match"
        );
    }
}

#[test]
fn plain_terms_find_name_id_addresses_and_labels_in_any_case() {
    let row = key("Web-1", &[("env", "Prod"), ("team", "data")]);
    assert_matches(
        &row,
        &[
            "web", "FHMabc", "10.128.0", ".7", "51.250", "env=prod", "prod", "web -1",
        ],
        &[
            "db",
            "10.129",
            "env=dev",
            "web db",
            "prod\u{7}team",
            "7\u{0}51",
        ],
    );
    assert!(Query::parse("   ").is_empty());
    assert!(Query::parse("").matches(&row));
}

#[test]
fn label_terms_need_the_exact_key_and_value() {
    let row = key("bastion", &[("env", "web"), ("role", "ssh-only")]);
    assert_matches(
        &row,
        &[
            "label:env=web",
            "label:ENV=Web",
            "label:env",
            "label:role",
            "label:",
            "label:env=web bast",
        ],
        &[
            "label:env=we",
            "label:en",
            "label:nv=web",
            "label:env=web2",
            "label:web",
            "label:env=prod",
        ],
    );
    let empty = key("plain", &[]);
    assert!(!Query::parse("label:env").matches(&empty));
}

#[test]
fn a_name_cannot_pose_as_a_label() {
    let row = key("x\nenv=prod\n", &[]);
    assert!(!Query::parse("label:env=prod").matches(&row));
    assert!(
        Query::parse("env=prod").matches(&row),
        "the text is still found in the name"
    );
}

#[test]
fn narrowing_is_allowed_only_when_every_match_matched_before() {
    let narrows = |now: &str, before: &str| Query::parse(now).narrows(&Query::parse(before));
    assert!(narrows("web", "we"));
    assert!(
        narrows("xweb", "web"),
        "any longer text containing the old one"
    );
    assert!(narrows("web 1", "web"));
    assert!(narrows("web", ""));
    assert!(narrows("label:env=prod", "label:env"));
    assert!(narrows("label:env=prod x", "label:env=prod"));
    assert!(!narrows("we", "web"));
    assert!(!narrows("web", "web 1"));
    assert!(
        !narrows("label:env=produ", "label:env=prod"),
        "values match exactly"
    );
    assert!(!narrows("label:envx", "label:env"));
    assert!(!narrows("label:env", "label"));
    assert!(!narrows("label:", "label"), "`label:` alone is no term");
}

#[test]
fn matched_fields_say_where_each_plain_term_was_found() {
    let row = key("bastion", &[("env", "prod"), ("role", "web-front")]);
    let fields = |text: &str| Query::parse(text).matched_fields(&row);
    assert_eq!(fields("bast"), [MatchedField::Name]);
    assert_eq!(fields("abc"), [MatchedField::Id]);
    assert_eq!(fields("128.0"), [MatchedField::Ip]);
    assert_eq!(fields("250.1"), [MatchedField::PublicIp]);
    assert_eq!(
        fields("web"),
        [MatchedField::Label("role=web-front".into())]
    );
    assert_eq!(fields("env=p"), [MatchedField::Label("env=prod".into())]);
    assert_eq!(
        fields("label:env b"),
        [MatchedField::Name],
        "label terms are asked for, so not reported"
    );
    assert_eq!(fields("nothing"), []);
}
