//! Snapshots of the cloud and folder picker: loading, loaded (folders, clouds, a filter) and a
//! failed listing, over `TestBackend`.

use crossterm::event::KeyCode;

use super::tests::text;
use crate::app::{
    Msg,
    fixtures::{api_error, ch, folder_tree, key, loaded, no_folder, typed},
    update,
};

const W: u16 = 100;
const H: u16 = 20;

#[test]
fn picker_loading() {
    insta::assert_snapshot!(text(&no_folder(), W, H));
}

#[test]
fn picker_loaded() {
    let mut model = no_folder();
    update(&mut model, Msg::FolderTree(Ok(folder_tree())));
    update(&mut model, ch('j'));
    insta::assert_snapshot!(text(&model, W, H));
}

#[test]
fn picker_filtered() {
    let mut model = no_folder();
    update(&mut model, Msg::FolderTree(Ok(folder_tree())));
    update(&mut model, ch('/'));
    typed(&mut model, "stag");
    insta::assert_snapshot!(text(&model, W, H));
}

#[test]
fn picker_clouds() {
    let mut model = loaded(30);
    typed(&mut model, ":cloud");
    update(&mut model, key(KeyCode::Enter));
    update(&mut model, Msg::FolderTree(Ok(folder_tree())));
    insta::assert_snapshot!(text(&model, W, H));
}

#[test]
fn picker_error() {
    let mut model = no_folder();
    let denied = api_error(tonic::Status::permission_denied("no clouds for you"));
    update(&mut model, Msg::FolderTree(Err(denied)));
    update(&mut model, key(KeyCode::Esc));
    insta::assert_snapshot!(text(&model, W, H));
}

#[test]
fn picker_fits_tiny_terminals() {
    let mut model = no_folder();
    update(&mut model, Msg::FolderTree(Ok(folder_tree())));
    for (w, h) in [(1, 1), (10, 3), (30, 8), (60, 12)] {
        text(&model, w, h);
    }
}
