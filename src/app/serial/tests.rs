//! `update()` of the serial view: follow appends only what is new, scrolling stays within the
//! content, search moves with n/N, port switching drops stale answers.

use std::time::Duration;

use super::{
    msg::{Outcome, SerialEffect, SerialMsg},
    state::SerialView,
    update::update,
};
use crate::keymap::Action;

fn view(rows: usize) -> SerialView {
    SerialView::new("fhm1".into(), "web-1".into(), rows)
}

fn read(view: &mut SerialView, text: &str) -> Outcome {
    let generation = view.generation;
    update(
        view,
        SerialMsg::Read {
            generation,
            result: Ok(text.to_string()),
        },
    )
}

fn act(view: &mut SerialView, action: Action) -> Outcome {
    update(view, SerialMsg::Action(action))
}

fn numbered(from: usize, to: usize) -> String {
    (from..to).map(|i| format!("line {i}\n")).collect()
}

#[test]
fn follow_appends_only_what_is_new_and_schedules_the_next_read() {
    let mut v = view(5);
    let out = read(&mut v, "boot\nkern");
    assert_eq!(v.lines, ["boot", "kern"]);
    assert_eq!(
        out.effects,
        [SerialEffect::FollowAfter {
            generation: 0,
            after: Duration::from_secs(2)
        }]
    );
    let due = update(&mut v, SerialMsg::FollowDue { generation: 0 });
    assert_eq!(
        due.effects,
        [SerialEffect::Read {
            instance_id: "fhm1".into(),
            port: 1,
            generation: 0
        }]
    );
    // The open line is continued, not repeated; new lines follow it.
    read(&mut v, "boot\nkernel ok\ncloud-init\n");
    assert_eq!(v.lines, ["boot", "kernel ok", "cloud-init"]);
    read(&mut v, "boot\nkernel ok\ncloud-init\n");
    assert_eq!(v.lines.len(), 3, "an unchanged read adds nothing");
    // The console dropped its first line: only the really new one is added.
    read(&mut v, "kernel ok\ncloud-init\nlogin:\n");
    assert_eq!(v.lines, ["boot", "kernel ok", "cloud-init", "login:"]);
}

#[test]
fn control_characters_are_made_visible() {
    let mut v = view(5);
    read(&mut v, "red \u{1b}[31m\x07\n");
    assert_eq!(v.lines, ["red \\u{1b}[31m\\u{7}"]);
}

#[test]
fn following_keeps_the_end_in_view_until_the_user_scrolls_up() {
    let mut v = view(10);
    read(&mut v, &numbered(0, 100));
    assert_eq!(v.top, 90);
    read(&mut v, &numbered(0, 120));
    assert_eq!(v.top, 110, "at the end: stays at the end");
    act(&mut v, Action::PageUp);
    assert_eq!(v.top, 100);
    read(&mut v, &numbered(0, 130));
    assert_eq!(v.top, 100, "scrolled up: stays put");
}

#[test]
fn scrolling_is_bounded_by_the_content() {
    let mut v = view(10);
    read(&mut v, &numbered(0, 25));
    act(&mut v, Action::Top);
    assert_eq!(v.top, 0);
    act(&mut v, Action::Up);
    assert_eq!(v.top, 0);
    act(&mut v, Action::PageDown);
    act(&mut v, Action::PageDown);
    act(&mut v, Action::PageDown);
    assert_eq!(v.top, 15, "never past the last full page");
    act(&mut v, Action::Down);
    assert_eq!(v.top, 15);
    act(&mut v, Action::Bottom);
    assert_eq!(v.visible().last().map(String::as_str), Some("line 24"));
    let mut short = view(10);
    read(&mut short, "one\n");
    act(&mut short, Action::PageDown);
    assert_eq!(short.top, 0);
}

#[test]
fn search_moves_with_n_and_wraps_with_capital_n() {
    let mut v = view(10);
    let mut text = numbered(0, 100);
    text.push_str("Kernel panic at 3\nsome\nkernel PANIC again\n");
    read(&mut v, &text);
    act(&mut v, Action::Top);
    act(&mut v, Action::Search);
    for c in "panic".chars() {
        let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c));
        update(&mut v, SerialMsg::SearchKey(key));
    }
    act(&mut v, Action::Accept);
    assert!(v.search.typing.is_none());
    assert_eq!(v.search.found, Some(100));
    assert!(
        (v.top..v.top + v.rows).contains(&100),
        "the match is in view"
    );
    act(&mut v, Action::SearchNext);
    assert_eq!(v.search.found, Some(102));
    act(&mut v, Action::SearchNext);
    assert_eq!(v.search.found, Some(100), "wraps to the first");
    act(&mut v, Action::SearchPrev);
    assert_eq!(v.search.found, Some(102), "backwards wraps to the last");
    act(&mut v, Action::Search);
    for c in "nowhere".chars() {
        let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c));
        update(&mut v, SerialMsg::SearchKey(key));
    }
    let out = act(&mut v, Action::Accept);
    assert_eq!(out.toast, Some((true, "not found: nowhere".into())));
}

#[test]
fn switching_ports_drops_answers_of_the_old_one() {
    let mut v = view(10);
    read(&mut v, "port one\n");
    let out = act(&mut v, Action::NextPort);
    assert_eq!(v.port, 2);
    assert!(v.lines.is_empty());
    assert_eq!(
        out.effects,
        [SerialEffect::Read {
            instance_id: "fhm1".into(),
            port: 2,
            generation: 1
        }]
    );
    let stale = update(
        &mut v,
        SerialMsg::Read {
            generation: 0,
            result: Ok("port one\nmore\n".into()),
        },
    );
    assert!(v.lines.is_empty() && stale.effects.is_empty());
    assert!(
        update(&mut v, SerialMsg::FollowDue { generation: 0 })
            .effects
            .is_empty()
    );
    for _ in 0..3 {
        act(&mut v, Action::NextPort);
    }
    assert_eq!(v.port, 1, "port 4 wraps to 1");
}

#[test]
fn paused_follow_stops_reading_and_save_sends_the_text() {
    let mut v = view(10);
    read(&mut v, "a\nb\n");
    act(&mut v, Action::Follow);
    assert!(!v.follow);
    assert!(read(&mut v, "a\nb\n").effects.is_empty());
    let out = act(&mut v, Action::Save);
    assert_eq!(
        out.effects,
        [SerialEffect::Save {
            instance_id: "fhm1".into(),
            port: 1,
            text: "a\nb\n".into()
        }]
    );
    assert!(act(&mut v, Action::CloseView).close);
    assert!(act(&mut v, Action::Back).close);
}

#[test]
fn a_failed_read_is_shown_and_following_retries() {
    let mut v = view(10);
    let out = update(
        &mut v,
        SerialMsg::Read {
            generation: 0,
            result: Err("NOT_FOUND: no instance".into()),
        },
    );
    assert_eq!(v.error.as_deref(), Some("NOT_FOUND: no instance"));
    assert_eq!(out.effects.len(), 1, "the follow timer runs on");
}
