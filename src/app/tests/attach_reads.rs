//! The attach form's reads across forms: a form closed and opened again for the same instance
//! takes only its own newest answers, whatever order the runtime delivers them in.

use std::net::Ipv4Addr;

use crossterm::event::KeyCode;

use crate::{
    api::proto::yandex::cloud::compute::v1::instance::Status,
    app::{
        Effect, Msg,
        attach::{
            AttachMsg,
            loads::{Loaded, Part},
            tickets::Ticket,
        },
        attach_wiring,
        fixtures::{instance, key, loaded},
        update,
    },
};

/// The ticket of the free-address read among a new form's `effects`.
fn addresses_ticket(effects: &[Effect]) -> Ticket {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::LoadAttachPart {
                part: Part::Addresses,
                ticket,
                ..
            } => Some(*ticket),
            _ => None,
        })
        .expect("a new form reads the free addresses")
}

#[test]
fn a_closed_forms_late_answer_does_not_replace_the_reopened_forms_list() {
    let mut model = loaded(5);
    let web2 = instance(2, Status::Stopped);
    let closed = addresses_ticket(&attach_wiring::open(&mut model, web2.clone()));
    update(&mut model, key(KeyCode::Esc));
    assert!(model.form.is_none(), "nothing typed: Esc closes");
    let reopened = addresses_ticket(&attach_wiring::open(&mut model, web2.clone()));
    assert!(reopened > closed, "{reopened:?} after {closed:?}");

    let answer = |ticket, address: Ipv4Addr| {
        Msg::Attach(AttachMsg::Loaded {
            instance_id: web2.id.clone(),
            part: Part::Addresses,
            ticket,
            result: Ok(Loaded::Addresses(vec![address])),
        })
    };
    let fresh = Ipv4Addr::new(84, 201, 0, 2);
    update(&mut model, answer(reopened, fresh));
    update(&mut model, answer(closed, Ipv4Addr::new(84, 201, 0, 1)));
    let form = model.form.as_ref().expect("the reopened form");
    assert_eq!(form.ctx.free_static_addresses, vec![fresh]);
}
