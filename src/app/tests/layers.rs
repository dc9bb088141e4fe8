//! `Model::layer()`: the one order of the screen's layers, top first, that key dispatch, the
//! keymap contexts and the footer hints read.

use crossterm::event::KeyCode;

use crate::{
    app::{
        Focus,
        fixtures::{attach_model, ch, key, loaded},
        input::LineInput,
        layer::Layer,
        model::{Confirm, Overlay, Pending, Prompt},
        update,
    },
    keymap::KeyContext,
};

fn cancel_dialog() -> Overlay {
    Overlay::Confirm(Confirm {
        title: "Cancel".into(),
        question: "cancel the operation?".into(),
        pending: Pending::CancelOperation { id: "op1".into() },
        yes_selected: false,
    })
}

#[test]
fn the_prompt_is_above_a_confirm_dialog_and_takes_its_keys() {
    let mut model = loaded(3);
    model.overlay = Some(cancel_dialog());
    assert_eq!(model.layer(), Layer::Confirm);
    assert_eq!(model.contexts(), vec![KeyContext::Dialog]);
    model.prompt = Some(Prompt::Filter {
        line: LineInput::default(),
        return_to: None,
    });
    assert_eq!(model.layer(), Layer::Prompt);
    assert_eq!(model.contexts(), vec![KeyContext::Input]);
    // `y` types into the filter; it does not answer the dialog below.
    update(&mut model, ch('y'));
    assert_eq!(model.instances.filter, "y");
    assert_eq!(model.overlay, Some(cancel_dialog()));
}

#[test]
fn layers_close_from_the_top_down() {
    let mut model = attach_model();
    assert_eq!(model.layer(), Layer::AttachForm(KeyContext::Form));
    model.overlay = Some(cancel_dialog());
    assert_eq!(model.layer(), Layer::Confirm, "a dialog is above the form");
    update(&mut model, ch('n'));
    assert_eq!(model.overlay, None, "No closed the dialog, not the form");
    assert_eq!(model.layer(), Layer::AttachForm(KeyContext::Form));
    model.form = None;
    assert_eq!(model.layer(), Layer::List(Focus::Instances));
    update(&mut model, key(KeyCode::Enter));
    assert_eq!(model.layer(), Layer::Details);
    assert_eq!(
        model.contexts(),
        vec![KeyContext::Details, KeyContext::Global]
    );
    update(&mut model, ch('?'));
    assert_eq!(model.layer(), Layer::Overlay, "help is above the details");
    update(&mut model, key(KeyCode::Esc));
    assert_eq!(model.layer(), Layer::Details);
    update(&mut model, key(KeyCode::Esc));
    assert_eq!(model.layer(), Layer::List(Focus::Instances));
    update(&mut model, key(KeyCode::Tab));
    assert_eq!(model.layer(), Layer::List(Focus::Operations));
    assert_eq!(
        model.contexts(),
        vec![
            KeyContext::Operations,
            KeyContext::Lists,
            KeyContext::Global
        ]
    );
}
