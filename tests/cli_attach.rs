//! `ycdash attach` and `ycdash detach`, the real binary against `ycdash emulator`.

mod common;

use common::process::{EmulatorProcess, stderr, stdout};
use ycdash::emulator::seed;

const SUBNET_A: &str = seed::DEFAULT_SUBNET_IDS[0];
/// A valid idempotency key.
const KEY: &str = "0b7f6f0e-3d55-4a0e-9a43-1f6f1c1c7a11";
/// api-gateway-1: RUNNING, two interfaces.
const RUNNING_TWO_NICS: &str = "fhmjm34e5u3cq9pbgrvq";

/// The number of interfaces `instances get` shows.
fn nic_count(emulator: &EmulatorProcess, id: &str) -> usize {
    let out = emulator.run(&["instances", "get", id]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    v["network_interfaces"].as_array().map_or(0, Vec::len)
}

fn full_attach(dry_run: bool) -> Vec<String> {
    let dns = format!("ci.internal.,zone={}", seed::PRIVATE_ZONE_ID);
    let nat_dns = format!("ci.example.com.,zone={},ttl=600,ptr", seed::PUBLIC_ZONE_ID);
    let mut args = vec![
        "attach",
        "--instance",
        seed::STOPPED_INSTANCE_ID,
        "--subnet",
        SUBNET_A,
        "--ipv4",
        "10.128.0.200",
        "--nat",
        seed::FREE_ADDRESS,
        "--dns",
        &dns,
        "--nat-dns",
        &nat_dns,
        "--sg",
        seed::WEB_SG_ID,
        "--sg",
        seed::SSH_SG_ID,
    ];
    args.push(if dry_run { "--dry-run" } else { "--wait" });
    args.into_iter().map(String::from).collect()
}

fn run(emulator: &EmulatorProcess, args: &[String]) -> std::process::Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    emulator.run(&args)
}

#[test]
fn dry_run_prints_the_request_and_the_yc_command_and_sends_nothing() {
    let emulator = EmulatorProcess::start(&[]);
    let out = run(&emulator, &full_attach(true));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let json_end = text.find("\n}\n").expect("a JSON object") + 2;
    let request: serde_json::Value = serde_json::from_str(&text[..json_end]).expect("JSON");
    assert_eq!(request["instance_id"], seed::STOPPED_INSTANCE_ID);
    assert_eq!(request["network_interface_index"], "1", "lowest free index");
    let spec = &request["primary_v4_address_spec"];
    assert_eq!(spec["address"], "10.128.0.200");
    assert_eq!(spec["one_to_one_nat_spec"]["address"], seed::FREE_ADDRESS);
    assert_eq!(
        spec["one_to_one_nat_spec"]["dns_record_specs"][0]["ttl"],
        "600"
    );
    assert_eq!(spec["dns_record_specs"][0]["fqdn"], "ci.internal.");
    let rest = text[json_end..].trim_start();
    assert!(
        rest.starts_with(&format!(
            "yc compute instance attach-network-interface --id {}",
            seed::STOPPED_INSTANCE_ID
        )),
        "{rest}"
    );
    assert!(rest.contains("--nat-address 84.201.130.12"), "{rest}");
    assert!(
        rest.contains("# the yc CLI has no flags for DNS records"),
        "{rest}"
    );
    assert_eq!(nic_count(&emulator, seed::STOPPED_INSTANCE_ID), 1);
}

#[test]
fn attach_wait_tracks_the_operation_and_shows_the_new_interface() {
    let emulator = EmulatorProcess::start(&[]);
    let out = run(&emulator, &full_attach(false));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Attach network interface  done"), "{text}");
    let row = text
        .lines()
        .find(|l| l.starts_with("1 "))
        .unwrap_or_else(|| panic!("no row for interface 1: {text}"));
    for cell in [
        "10.128.0.200",
        seed::FREE_ADDRESS,
        "ci.example.com. ptr (nat)",
    ] {
        assert!(row.contains(cell), "{row}");
    }
    let get = emulator.run(&["instances", "get", seed::STOPPED_INSTANCE_ID]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&get)).expect("JSON");
    let nic = &v["network_interfaces"][1];
    assert_eq!(nic["index"], "1");
    assert_eq!(nic["primary_v4_address"]["address"], "10.128.0.200");
    assert_eq!(
        nic["primary_v4_address"]["one_to_one_nat"]["address"],
        seed::FREE_ADDRESS
    );
    assert_eq!(nic["security_group_ids"][1], seed::SSH_SG_ID);
}

#[test]
fn attach_without_wait_prints_the_operation_id() {
    let emulator = EmulatorProcess::start(&[]);
    let out = emulator.run(&[
        "attach",
        "--instance",
        seed::STOPPED_INSTANCE_ID,
        "--index",
        "3",
        "--subnet",
        SUBNET_A,
        "--sg",
        seed::WEB_SG_ID,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let id = stdout(&out).trim().to_string();
    assert!(!id.is_empty() && !id.contains(' '), "{id}");
    let wait = emulator.run(&["operation", "wait", &id]);
    assert!(wait.status.success(), "{}", stderr(&wait));
    assert_eq!(nic_count(&emulator, seed::STOPPED_INSTANCE_ID), 2);
}

#[test]
fn invalid_fields_exit_2_one_line_each_naming_the_field() {
    let emulator = EmulatorProcess::start(&[]);
    let out = emulator.run(&[
        "attach",
        "--instance",
        seed::STOPPED_INSTANCE_ID,
        "--index",
        "0",
        "--subnet",
        SUBNET_A,
        "--ipv4",
        "10.128.0.1",
        "--sg",
        seed::PROD_WEB_SG_ID,
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[0].starts_with("network_interface_index: index 0 is already used"));
    assert!(
        lines[1].starts_with("primary_v4_address_spec.address: 10.128.0.1 is the subnet's gateway")
    );
    assert!(lines[2].starts_with("security_group_ids: security group"));
    assert!(lines[2].contains("does not belong to the subnet's network"));
    let none = emulator.run(&[
        "attach",
        "--instance",
        seed::STOPPED_INSTANCE_ID,
        "--subnet",
        SUBNET_A,
    ]);
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).starts_with("security_group_ids: at least 1 security group"));
    assert_eq!(nic_count(&emulator, seed::STOPPED_INSTANCE_ID), 1);
}

#[test]
fn a_server_refusal_is_one_line_with_code_and_request_id() {
    let emulator = EmulatorProcess::start(&[]);
    // With a key the status check is left to the service (an earlier attempt may have applied
    // the change), so a RUNNING instance reaches the server's refusal.
    let out = emulator.run(&[
        "attach",
        "--instance",
        seed::RUNNING_INSTANCE_ID,
        "--subnet",
        SUBNET_A,
        "--sg",
        seed::WEB_SG_ID,
        "--idempotency-key",
        KEY,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("FAILED_PRECONDITION"), "{err}");
    assert!(err.contains("request id"), "{err}");
}

#[test]
fn detach_wait_removes_the_interface() {
    let emulator = EmulatorProcess::start(&[]);
    let id = seed::STOPPED_TWO_NICS_INSTANCE_ID;
    let out = emulator.run(&["detach", "--instance", id, "--index", "1", "--wait"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Detach network interface  done"), "{text}");
    let rows: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("INDEX"))
        .collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert!(rows[1].starts_with("0 "), "{text}");
    assert_eq!(nic_count(&emulator, id), 1);
}

#[test]
fn detach_refusals_exit_2_before_sending() {
    let emulator = EmulatorProcess::start(&[]);
    let cases = [
        (seed::STOPPED_INSTANCE_ID, "0", "is the only interface"),
        (seed::STOPPED_INSTANCE_ID, "4", "has no network interface 4"),
        (RUNNING_TWO_NICS, "1", "is RUNNING; stop it first"),
    ];
    for (id, index, rule) in cases {
        let out = emulator.run(&["detach", "--instance", id, "--index", index]);
        assert_eq!(out.status.code(), Some(2), "{id} {index}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(rule), "{err}");
    }
    assert_eq!(nic_count(&emulator, RUNNING_TWO_NICS), 2);
}

/// The instance's status as `instances get` shows it.
fn status(emulator: &EmulatorProcess, id: &str) -> String {
    let out = emulator.run(&["instances", "get", id]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    v["status"].as_str().unwrap_or_default().to_string()
}

fn attach_web_1(extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "attach",
        "--instance",
        seed::RUNNING_INSTANCE_ID,
        "--subnet",
        SUBNET_A,
        "--sg",
        seed::WEB_SG_ID,
    ];
    args.extend(extra);
    args.into_iter().map(String::from).collect()
}

#[test]
fn attach_on_a_running_instance_is_refused_up_front_even_as_a_dry_run() {
    let emulator = EmulatorProcess::start(&[]);
    for extra in [&[][..], &["--dry-run"], &["--wait"]] {
        let out = run(&emulator, &attach_web_1(extra));
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("is RUNNING; stop it first"), "{err}");
        assert!(err.contains("--stop-first"), "{err}");
        assert!(stdout(&out).is_empty(), "{extra:?} printed a request");
    }
    assert_eq!(nic_count(&emulator, seed::RUNNING_INSTANCE_ID), 1);
    assert_eq!(status(&emulator, seed::RUNNING_INSTANCE_ID), "RUNNING");
}

#[test]
fn stop_first_stops_attaches_and_starts_again() {
    let emulator = EmulatorProcess::start(&[]);
    let out = run(&emulator, &attach_web_1(&["--stop-first"]));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let position = |step: &str| {
        text.find(step)
            .unwrap_or_else(|| panic!("no {step:?} in {text}"))
    };
    let stopped = position("Stop instance  done");
    let attached = position("Attach network interface  done");
    let started = position("Start instance  done");
    assert!(stopped < attached && attached < started, "{text}");
    assert!(text.lines().any(|l| l.starts_with("1 ")), "{text}");
    assert_eq!(nic_count(&emulator, seed::RUNNING_INSTANCE_ID), 2);
    assert_eq!(status(&emulator, seed::RUNNING_INSTANCE_ID), "RUNNING");
}

#[test]
fn stop_first_dry_run_says_what_it_would_do_and_sends_nothing() {
    let emulator = EmulatorProcess::start(&[]);
    let out = run(&emulator, &attach_web_1(&["--stop-first", "--dry-run"]));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("# --stop-first: the instance is stopped before this request"),
        "{text}"
    );
    assert_eq!(status(&emulator, seed::RUNNING_INSTANCE_ID), "RUNNING");
    assert_eq!(nic_count(&emulator, seed::RUNNING_INSTANCE_ID), 1);
}

#[test]
fn stop_first_refuses_an_instance_in_transition() {
    let emulator = EmulatorProcess::start(&[]);
    // worker-3: seeded STOPPING (the test emulator keeps the seed frozen).
    let worker_3 = "fhm1lvlms3md9sflok7s";
    let out = emulator.run(&[
        "attach",
        "--instance",
        worker_3,
        "--subnet",
        seed::DEFAULT_SUBNET_IDS[2],
        "--sg",
        seed::WEB_SG_ID,
        "--stop-first",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("is STOPPING; --stop-first needs it RUNNING"),
        "{err}"
    );
    assert_eq!(status(&emulator, worker_3), "STOPPING");
}

#[test]
fn stop_first_starts_the_instance_again_when_the_attach_is_refused() {
    let emulator = EmulatorProcess::start(&[]);
    // With a key the index check is left to the service, which refuses index 0 (in use).
    let out = run(
        &emulator,
        &attach_web_1(&["--index", "0", "--stop-first", "--idempotency-key", KEY]),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("ALREADY_EXISTS"), "{}", stderr(&out));
    let text = stdout(&out);
    let stopped = text.find("Stop instance  done").expect("stopped");
    let started = text.find("Start instance  done").expect("started again");
    assert!(stopped < started, "{text}");
    assert!(text.contains("starting the instance again"), "{text}");
    assert_eq!(status(&emulator, seed::RUNNING_INSTANCE_ID), "RUNNING");
    assert_eq!(nic_count(&emulator, seed::RUNNING_INSTANCE_ID), 1);
}
