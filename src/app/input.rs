//! The one single-line text input, built on tui-textarea: the `/` filter, the `:` command line,
//! picker filters, serial search and the attach form's fields all edit text through it, so the
//! same keys do the same thing everywhere (see `edit`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use tui_textarea::{CursorMove, TextArea};

/// Whether the key is plain typing (a character without Ctrl or Alt).
pub fn typing(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// Keys that must never reach a single-line input (they would add a line).
pub fn multiline(key: &KeyEvent) -> bool {
    key.code == KeyCode::Enter
        || (key.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(key.code, KeyCode::Char('m' | 'j')))
}

/// The editing keys of every text input, for the help screen (they are fixed, not in the
/// keymap).
pub const EDITING_KEYS: &str = "editing text: ctrl-a/home start, ctrl-e/end end, alt-b/alt-f a \
    word back/forward, ctrl-u/ctrl-k delete to the start/end, ctrl-w the word before, ctrl-y \
    put back, ctrl-z undo, ctrl-r redo";

/// One line of text with a cursor. Editing keys (readline-like, the same in every input):
/// Ctrl-A/Home and Ctrl-E/End go to the start and end, Alt-B/Alt-F and Ctrl-Left/Right move
/// a word, Ctrl-U deletes to the start, Ctrl-K to the end, Ctrl-W back to the previous space,
/// Alt-Backspace the word before the cursor, Alt-D the word after, Ctrl-Y puts back what was
/// deleted last, Ctrl-Z undoes and Ctrl-R (or Ctrl-Shift-Z) redoes.
#[derive(Debug, Clone)]
pub struct LineInput {
    area: TextArea<'static>,
}

impl Default for LineInput {
    fn default() -> Self {
        Self::with_text("")
    }
}

impl PartialEq for LineInput {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text() && self.cursor() == other.cursor()
    }
}

impl Eq for LineInput {}

impl LineInput {
    /// An input holding `text` (control characters left out), the cursor at its end.
    pub fn with_text(text: &str) -> Self {
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        let mut area = TextArea::new(vec![text]);
        area.set_cursor_line_style(Style::default());
        area.set_selection_style(Style::default().add_modifier(Modifier::REVERSED));
        area.move_cursor(CursorMove::End);
        Self { area }
    }

    /// An input holding `text`, all of it selected: typing replaces it, a move edits it.
    pub fn with_text_selected(text: &str) -> Self {
        let mut input = Self::with_text(text);
        if !text.is_empty() {
            input.area.select_all();
        }
        input
    }

    /// The text.
    pub fn text(&self) -> &str {
        self.area.lines().first().map_or("", String::as_str)
    }

    /// The cursor, as a char index into the text.
    pub fn cursor(&self) -> usize {
        self.area.cursor().1
    }

    /// The textarea, for drawing: it scrolls sideways to keep the cursor in view.
    pub fn area(&self) -> &TextArea<'static> {
        &self.area
    }

    /// Applies an editing key; returns whether the text changed. Keys that would add a line,
    /// a tab or a control character are ignored.
    pub fn edit(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        match key.code {
            KeyCode::Char('u') if ctrl && !alt => self.area.delete_line_by_head(),
            KeyCode::Char('w') if ctrl && !alt => self.rub_out_word(),
            KeyCode::Char('z') if ctrl && !alt && !shift => self.area.undo(),
            KeyCode::Char('z' | 'Z') if ctrl && !alt => self.area.redo(),
            KeyCode::Char(c) if c.is_control() => false,
            // Lines, tabs, paging and moving between lines mean nothing on one line.
            KeyCode::Char('m' | 'j' | 'n' | 'p' | 'v') if ctrl => false,
            KeyCode::Char('<' | '>' | '[' | ']' | 'n' | 'p' | 'v') if alt => false,
            KeyCode::Enter
            | KeyCode::Tab
            | KeyCode::BackTab
            | KeyCode::Up
            | KeyCode::Down
            | KeyCode::PageUp
            | KeyCode::PageDown => false,
            _ => self.area.input(*key),
        }
    }

    /// Ctrl-W as in a shell: deletes back over spaces, then back to the previous space.
    fn rub_out_word(&mut self) -> bool {
        let before: Vec<char> = self.text().chars().take(self.cursor()).collect();
        let spaces = before
            .iter()
            .rev()
            .take_while(|c| c.is_whitespace())
            .count();
        let word = before
            .iter()
            .rev()
            .skip(spaces)
            .take_while(|c| !c.is_whitespace())
            .count();
        let count = spaces + word;
        let Ok(start) = u16::try_from(before.len() - count) else {
            // Beyond where the textarea can jump to: fall back to its own word deletion.
            return self.area.delete_word();
        };
        self.area.move_cursor(CursorMove::Jump(0, start));
        self.area.delete_str(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn typed(input: &mut LineInput, text: &str) {
        for c in text.chars() {
            input.edit(&key(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    fn ctrl(c: char) -> KeyEvent {
        key(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn alt(c: char) -> KeyEvent {
        key(KeyCode::Char(c), KeyModifiers::ALT)
    }

    #[test]
    fn edits_with_a_cursor() {
        let mut input = LineInput::default();
        typed(&mut input, "wbe");
        input.edit(&key(KeyCode::Left, KeyModifiers::NONE));
        input.edit(&key(KeyCode::Backspace, KeyModifiers::NONE));
        assert_eq!(input.text(), "we");
        assert_eq!(input.cursor(), 1);
    }

    #[test]
    fn readline_keys_move_and_delete() {
        let mut input = LineInput::with_text("name web-1 zone");
        input.edit(&ctrl('a'));
        assert_eq!(input.cursor(), 0);
        input.edit(&alt('f'));
        assert_eq!(input.cursor(), 5, "Alt-F goes to the next word");
        input.edit(&ctrl('e'));
        assert_eq!(input.cursor(), 15);
        input.edit(&alt('b'));
        assert_eq!(input.cursor(), 11, "Alt-B goes to the word's start");
        assert!(input.edit(&ctrl('w')));
        assert_eq!(input.text(), "name zone", "Ctrl-W deletes back to a space");
        assert_eq!(input.cursor(), 5);
        assert!(input.edit(&ctrl('z')));
        assert_eq!(
            input.text(),
            "name web-1 zone",
            "one undo brings the word back"
        );
        input.edit(&ctrl('e'));
        input.edit(&alt('b'));
        assert!(input.edit(&ctrl('u')));
        assert_eq!(input.text(), "zone", "Ctrl-U deletes to the start");
        assert_eq!(input.cursor(), 0);
        input.edit(&ctrl('e'));
        assert!(input.edit(&ctrl('y')), "Ctrl-Y puts the deleted text back");
        assert_eq!(input.text(), "zonename web-1 ");
        input.edit(&ctrl('a'));
        assert!(!input.edit(&ctrl('w')), "nothing before the cursor");
    }

    #[test]
    fn ctrl_z_undoes_and_ctrl_shift_z_or_ctrl_r_redoes() {
        let mut input = LineInput::default();
        typed(&mut input, "web");
        input.edit(&ctrl('u'));
        assert_eq!(input.text(), "");
        assert!(input.edit(&ctrl('z')));
        assert_eq!(input.text(), "web");
        input.edit(&key(
            KeyCode::Char('Z'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        ));
        assert_eq!(input.text(), "");
        input.edit(&ctrl('z'));
        input.edit(&ctrl('z'));
        assert_eq!(input.text(), "we");
        input.edit(&ctrl('r'));
        assert_eq!(input.text(), "web");
    }

    #[test]
    fn a_selected_text_is_replaced_by_typing_and_kept_by_a_move() {
        let mut replaced = LineInput::with_text_selected("web-1");
        typed(&mut replaced, "kafka");
        assert_eq!(replaced.text(), "kafka");

        let mut edited = LineInput::with_text_selected("web-1");
        edited.edit(&key(KeyCode::End, KeyModifiers::NONE));
        typed(&mut edited, "0");
        assert_eq!(edited.text(), "web-10");

        let mut empty = LineInput::with_text_selected("");
        typed(&mut empty, "db");
        assert_eq!(empty.text(), "db");
    }

    #[test]
    fn never_gets_a_second_line_a_tab_or_a_control_character() {
        let mut input = LineInput::with_text("a\nb\u{1b}");
        assert_eq!(input.text(), "ab");
        for k in [
            key(KeyCode::Enter, KeyModifiers::NONE),
            key(KeyCode::Tab, KeyModifiers::NONE),
            ctrl('m'),
            ctrl('j'),
            key(KeyCode::Char('\u{9b}'), KeyModifiers::NONE),
        ] {
            assert!(!input.edit(&k), "{k:?}");
        }
        assert_eq!(input.area().lines().len(), 1);
        assert_eq!(input.text(), "ab");
    }
}
