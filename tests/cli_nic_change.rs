//! `ycdash nic update`, `ycdash nat add` and `ycdash nat remove`, the real binary against
//! `ycdash emulator`: dry runs, waits, exit statuses and what the instance looks like after.

mod common;

use common::process::{EmulatorProcess, stderr, stdout};
use ycdash::emulator::seed;

const WEB_1: &str = seed::RUNNING_INSTANCE_ID;
const CI_RUNNER: &str = seed::STOPPED_INSTANCE_ID;
const PROD_SUBNET_A: &str = seed::PROD_SUBNET_IDS[0];

/// The instance as `instances get` prints it.
fn instance(emulator: &EmulatorProcess, id: &str) -> serde_json::Value {
    let out = emulator.run(&["instances", "get", id]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON")
}

/// The JSON object a dry run prints first, and the lines after it.
fn dry_run_parts(text: &str) -> (serde_json::Value, String) {
    let end = text.find("\n}\n").expect("a JSON object") + 2;
    let request = serde_json::from_str(&text[..end]).expect("JSON");
    (request, text[end..].trim().to_string())
}

#[test]
fn update_dry_run_sends_only_the_changed_paths() {
    let emulator = EmulatorProcess::start(&[]);
    let before = instance(&emulator, WEB_1);
    let dns = format!("web-1.internal.,zone={},ttl=60", seed::PRIVATE_ZONE_ID);
    let out = emulator.run(&[
        "nic",
        "update",
        "--instance",
        WEB_1,
        "--index",
        "0",
        "--sg",
        seed::SSH_SG_ID,
        "--dns",
        &dns,
        "--dry-run",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (request, rest) = dry_run_parts(&stdout(&out));
    assert_eq!(
        request["update_mask"],
        "security_group_ids,primary_v4_address_spec.dns_record_specs"
    );
    assert_eq!(request["security_group_ids"][0], seed::SSH_SG_ID);
    assert_eq!(
        request["primary_v4_address_spec"]["dns_record_specs"][0]["ttl"],
        "60"
    );
    assert!(request.get("subnet_id").is_none(), "{request}");
    assert!(
        rest.starts_with(&format!(
            "yc compute instance update-network-interface --id {WEB_1} --network-interface-index 0 --security-group-id {}",
            seed::SSH_SG_ID
        )),
        "{rest}"
    );
    assert!(
        rest.contains("# the yc CLI has no flags for DNS records"),
        "{rest}"
    );
    assert_eq!(
        instance(&emulator, WEB_1),
        before,
        "a dry run sends nothing"
    );
}

#[test]
fn update_groups_of_a_running_instance_and_wait() {
    let emulator = EmulatorProcess::start(&[]);
    let args = [
        "nic",
        "update",
        "--instance",
        WEB_1,
        "--index",
        "0",
        "--sg",
        seed::SSH_SG_ID,
    ];
    let mut waited = args.to_vec();
    waited.push("--wait");
    let out = emulator.run(&waited);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Update network interface  done"), "{text}");
    assert!(
        text.contains(seed::SSH_SG_ID),
        "the interface table: {text}"
    );
    let after = instance(&emulator, WEB_1);
    assert_eq!(after["status"], "RUNNING");
    assert_eq!(
        after["network_interfaces"][0]["security_group_ids"],
        serde_json::json!([seed::SSH_SG_ID])
    );
    // The same again changes nothing and sends nothing.
    let out = emulator.run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("already has these values; nothing sent"));
}

#[test]
fn update_refusals_and_their_exit_statuses() {
    let emulator = EmulatorProcess::start(&[]);
    // Subnet on a RUNNING instance: refused before sending.
    let out = emulator.run(&[
        "nic",
        "update",
        "--instance",
        WEB_1,
        "--index",
        "0",
        "--subnet",
        PROD_SUBNET_A,
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is RUNNING; stop it first"),
        "{}",
        stderr(&out)
    );
    // Invalid fields: one line per field.
    let out = emulator.run(&[
        "nic",
        "update",
        "--instance",
        CI_RUNNER,
        "--index",
        "0",
        "--subnet",
        PROD_SUBNET_A,
        "--ipv4",
        "172.16.0.1",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("primary_v4_address_spec.address: 172.16.0.1 is the subnet's gateway address"),
        "{err}"
    );
    assert!(
        err.contains("security_group_ids: ") && err.contains("--sg"),
        "{err}"
    );
    let out = emulator.run(&[
        "nic",
        "update",
        "--instance",
        CI_RUNNER,
        "--index",
        "4",
        "--sg",
        "x",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("has no network interface 4"),
        "{}",
        stderr(&out)
    );
    let out = emulator.run(&[
        "nic",
        "update",
        "--instance",
        "fhmnosuchinstance000",
        "--index",
        "0",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("NOT_FOUND"), "{}", stderr(&out));
}

#[test]
fn update_moves_a_stopped_instance_with_a_given_key_then_has_nothing_to_send() {
    let emulator = EmulatorProcess::start(&[]);
    let args = [
        "nic",
        "update",
        "--instance",
        CI_RUNNER,
        "--index",
        "0",
        "--subnet",
        PROD_SUBNET_A,
        "--sg",
        seed::PROD_WEB_SG_ID,
        "--ipv4",
        "172.16.0.77",
        "--idempotency-key",
        "4c1c7f3e-0d0e-4b8e-9a43-6a6f0c1d2e3f",
    ];
    let out = emulator.run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let op_id = stdout(&out).trim().to_string();
    assert!(op_id.starts_with("fhm"), "{op_id}");
    // Without --wait the command ends once the operation is accepted; wait for it to be done.
    let waited = emulator.run(&["operation", "wait", &op_id]);
    assert!(waited.status.success(), "{}", stderr(&waited));
    let nic = &instance(&emulator, CI_RUNNER)["network_interfaces"][0];
    assert_eq!(nic["subnet_id"], PROD_SUBNET_A);
    assert_eq!(nic["primary_v4_address"]["address"], "172.16.0.77");
    // Now nothing differs: the command says so instead of resending.
    let out = emulator.run(&args);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("nothing sent"));
}

#[test]
fn nat_add_and_remove_a_static_address() {
    let emulator = EmulatorProcess::start(&[]);
    let dns = format!("ci.example.com.,zone={},ttl=300", seed::PUBLIC_ZONE_ID);
    let add = [
        "nat",
        "add",
        "--instance",
        CI_RUNNER,
        "--index",
        "0",
        "--address",
        seed::FREE_ADDRESS,
        "--dns",
        &dns,
    ];
    let mut dry = add.to_vec();
    dry.push("--dry-run");
    let out = emulator.run(&dry);
    assert!(out.status.success(), "{}", stderr(&out));
    let (request, rest) = dry_run_parts(&stdout(&out));
    assert_eq!(
        request["one_to_one_nat_spec"]["address"],
        seed::FREE_ADDRESS
    );
    assert_eq!(
        request["one_to_one_nat_spec"]["dns_record_specs"][0]["fqdn"],
        "ci.example.com."
    );
    assert!(rest.starts_with(&format!(
        "yc compute instance add-one-to-one-nat --id {CI_RUNNER} --network-interface-index 0 --nat-address {}",
        seed::FREE_ADDRESS
    )), "{rest}");

    let mut wait = add.to_vec();
    wait.push("--wait");
    let out = emulator.run(&wait);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Add one-to-one NAT  done"),
        "{}",
        stdout(&out)
    );
    let nat = &instance(&emulator, CI_RUNNER)["network_interfaces"][0]["primary_v4_address"]["one_to_one_nat"];
    assert_eq!(nat["address"], seed::FREE_ADDRESS);
    // A second add is refused before sending.
    let out = emulator.run(&add);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("already has the public address"),
        "{}",
        stderr(&out)
    );

    let remove = ["nat", "remove", "--instance", CI_RUNNER, "--index", "0"];
    let mut dry = remove.to_vec();
    dry.push("--dry-run");
    let out = emulator.run(&dry);
    assert!(out.status.success());
    assert!(stdout(&out).contains(&format!(
        "yc compute instance remove-one-to-one-nat --id {CI_RUNNER} --network-interface-index 0"
    )));
    let mut wait = remove.to_vec();
    wait.push("--wait");
    let out = emulator.run(&wait);
    assert!(out.status.success(), "{}", stderr(&out));
    let nic = &instance(&emulator, CI_RUNNER)["network_interfaces"][0];
    assert!(
        nic["primary_v4_address"].get("one_to_one_nat").is_none(),
        "{nic}"
    );
    let out = emulator.run(&remove);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("has no public address to remove"));
    // The address is free again: another instance of the zone can take it.
    let out = emulator.run(&[
        "nat",
        "add",
        "--instance",
        seed::STOPPED_INSTANCE_2_ID,
        "--index",
        "0",
        "--address",
        seed::FREE_ADDRESS,
        "--wait",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn nat_add_refuses_an_address_of_another_zone_and_defaults_to_ephemeral() {
    let emulator = EmulatorProcess::start(&[]);
    let out = emulator.run(&[
        "nat",
        "add",
        "--instance",
        CI_RUNNER,
        "--index",
        "0",
        "--address",
        seed::FREE_ADDRESS_D,
    ]);
    assert_eq!(out.status.code(), Some(2));
    // The line names nat's own field and flag, not the attach request's path.
    assert!(
        stderr(&out).contains(&format!(
            "one_to_one_nat_spec.address (--address): {} is not a free static external address in zone ru-central1-a",
            seed::FREE_ADDRESS_D
        )),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("primary_v4_address_spec"),
        "{}",
        stderr(&out)
    );
    let out = emulator.run(&[
        "nat",
        "add",
        "--instance",
        CI_RUNNER,
        "--index",
        "0",
        "--dns",
        "ok-name",
        "--dns=bad_name!",
        "--dry-run",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("one_to_one_nat_spec.dns_record_specs[1].fqdn (--dns #2): "),
        "{}",
        stderr(&out)
    );
    let out = emulator.run(&[
        "nat",
        "add",
        "--instance",
        CI_RUNNER,
        "--index",
        "0",
        "--wait",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let nat = &instance(&emulator, CI_RUNNER)["network_interfaces"][0]["primary_v4_address"]["one_to_one_nat"];
    assert!(
        nat["address"]
            .as_str()
            .is_some_and(|a| a.starts_with("51.250.")),
        "{nat}"
    );
}

#[test]
fn nat_commands_repeated_with_their_key_return_the_first_operation() {
    let emulator = EmulatorProcess::start(&[]);
    let key = "0b6f4f5e-3c1d-4a8e-9b7a-2f1e0d9c8b7a";
    let add = [
        "nat",
        "add",
        "--instance",
        CI_RUNNER,
        "--index",
        "0",
        "--address",
        seed::FREE_ADDRESS,
        "--idempotency-key",
        key,
    ];
    let first = emulator.run(&add);
    assert!(first.status.success(), "{}", stderr(&first));
    // The address is taken and the interface has it now; the same command with the same key
    // is what an unknown outcome tells the user to run: it gets the same operation back.
    let again = emulator.run(&add);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(stdout(&again), stdout(&first));

    let key = "7d2c9a1b-5e4f-4c3d-8a2b-1c0d9e8f7a6b";
    let remove = [
        "nat",
        "remove",
        "--instance",
        CI_RUNNER,
        "--index",
        "0",
        "--idempotency-key",
        key,
    ];
    let first = emulator.run(&remove);
    assert!(first.status.success(), "{}", stderr(&first));
    let again = emulator.run(&remove);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(stdout(&again), stdout(&first));
    // Without a key, the same remove is refused up front.
    let out = emulator.run(&remove[..6]);
    assert_eq!(out.status.code(), Some(2));
}
