"""Checks that every message, enum and method in proto/ matches the official SDK's descriptors.

Compiles the project's proto/ with grpcio-tools, then compares each definition with the one the
yandexcloud package registers: field numbers, names, types, labels, oneofs, reserved ranges,
enum values and method signatures. Prints one line per mismatch and exits non-zero on any.
"""

import importlib
import os
import subprocess
import sys
import tempfile

from google.protobuf import descriptor_pb2, descriptor_pool

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def compile_ours():
    import grpc_tools

    files = []
    for base, _, names in os.walk(os.path.join(ROOT, "proto")):
        files += [os.path.relpath(os.path.join(base, n), os.path.join(ROOT, "proto")) for n in names if n.endswith(".proto")]
    well_known = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "set.bin")
        subprocess.run(
            [sys.executable, "-m", "grpc_tools.protoc", f"-I{os.path.join(ROOT, 'proto')}", f"-I{well_known}",
             f"--descriptor_set_out={out}", *sorted(files)],
            check=True,
        )
        fds = descriptor_pb2.FileDescriptorSet()
        with open(out, "rb") as f:
            fds.ParseFromString(f.read())
    return fds


def sdk_file(name):
    module = name[: -len(".proto")].replace("/", ".") + "_pb2"
    try:
        importlib.import_module(module)
    except ImportError:
        return None
    proto = descriptor_pb2.FileDescriptorProto()
    descriptor_pool.Default().FindFileByName(name).CopyToProto(proto)
    return proto


def field_key(f):
    oneof = f.oneof_index if f.HasField("oneof_index") else None
    return (f.name, f.number, f.label, f.type, f.type_name, oneof, f.proto3_optional)


def compare_message(path, ours, theirs, problems):
    their_fields = {f.name: f for f in theirs.field}
    for f in ours.field:
        t = their_fields.get(f.name)
        if t is None:
            problems.append(f"{path}.{f.name}: not in the SDK")
        elif field_key(f) != field_key(t):
            problems.append(f"{path}.{f.name}: ours {field_key(f)} != SDK {field_key(t)}")
    ours_oneofs = [o.name for o in ours.oneof_decl]
    their_oneofs = [o.name for o in theirs.oneof_decl]
    if ours_oneofs != their_oneofs[: len(ours_oneofs)]:
        problems.append(f"{path}: oneofs {ours_oneofs} != {their_oneofs}")
    ours_reserved = [(r.start, r.end) for r in ours.reserved_range]
    their_reserved = [(r.start, r.end) for r in theirs.reserved_range]
    if ours_reserved != their_reserved:
        problems.append(f"{path}: reserved {ours_reserved} != {their_reserved}")
    their_nested = {m.name: m for m in theirs.nested_type}
    for m in ours.nested_type:
        if m.options.map_entry:
            continue
        if m.name not in their_nested:
            problems.append(f"{path}.{m.name}: nested message not in the SDK")
        else:
            compare_message(f"{path}.{m.name}", m, their_nested[m.name], problems)
    their_enums = {e.name: e for e in theirs.enum_type}
    for e in ours.enum_type:
        compare_enum(f"{path}.{e.name}", e, their_enums.get(e.name), problems)


def compare_enum(path, ours, theirs, problems):
    if theirs is None:
        problems.append(f"{path}: enum not in the SDK")
        return
    ours_values = [(v.name, v.number) for v in ours.value]
    their_values = [(v.name, v.number) for v in theirs.value]
    if ours_values != their_values:
        problems.append(f"{path}: values {ours_values} != {their_values}")


def main():
    import yandexcloud  # noqa: F401  (registers nothing by itself; modules are imported per file)

    problems = []
    checked = 0
    for ours in compile_ours().file:
        if ours.name.startswith("google/protobuf/"):
            continue
        theirs = sdk_file(ours.name)
        if theirs is None:
            problems.append(f"{ours.name}: no such file in the SDK")
            continue
        if ours.package != theirs.package:
            problems.append(f"{ours.name}: package {ours.package} != {theirs.package}")
        their_messages = {m.name: m for m in theirs.message_type}
        for m in ours.message_type:
            checked += 1
            if m.name not in their_messages:
                problems.append(f"{ours.package}.{m.name}: not in the SDK")
            else:
                compare_message(f"{ours.package}.{m.name}", m, their_messages[m.name], problems)
        their_enums = {e.name: e for e in theirs.enum_type}
        for e in ours.enum_type:
            checked += 1
            compare_enum(f"{ours.package}.{e.name}", e, their_enums.get(e.name), problems)
        their_services = {s.name: s for s in theirs.service}
        for s in ours.service:
            t = their_services.get(s.name)
            their_methods = {m.name: m for m in t.method} if t else {}
            for m in s.method:
                checked += 1
                tm = their_methods.get(m.name)
                if tm is None:
                    problems.append(f"{ours.package}.{s.name}/{m.name}: not in the SDK")
                elif (m.input_type, m.output_type) != (tm.input_type, tm.output_type):
                    problems.append(f"{s.name}/{m.name}: {m.input_type}->{m.output_type} != {tm.input_type}->{tm.output_type}")
    for p in problems:
        print("MISMATCH", p)
    print(f"wire compat: {checked} definitions checked, {len(problems)} mismatches")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
