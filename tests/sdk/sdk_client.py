"""Drives `ycdash emulator` with the official Yandex Cloud Python SDK, as an independent client.

Usage: sdk_client.py HOST:PORT. Lists, gets, attaches a network interface, updates one, adds and
removes a public address, reads the serial console, polls each operation and unpacks every Any
payload with the SDK's own types; checks refusals carry the real status codes.
Prints one line per check and exits non-zero on the first failure.
"""

import sys
import uuid

import grpc
import yandexcloud
from google.protobuf.empty_pb2 import Empty
from google.protobuf.field_mask_pb2 import FieldMask
from yandex.cloud.compute.v1 import instance_pb2, instance_service_pb2 as isvc
from yandex.cloud.compute.v1.instance_service_pb2_grpc import InstanceServiceStub
from yandex.cloud.operation.operation_service_pb2 import GetOperationRequest
from yandex.cloud.operation.operation_service_pb2_grpc import OperationServiceStub
from yandex.cloud.resourcemanager.v1 import cloud_service_pb2, folder_service_pb2
from yandex.cloud.resourcemanager.v1.cloud_service_pb2_grpc import CloudServiceStub
from yandex.cloud.resourcemanager.v1.folder_service_pb2_grpc import FolderServiceStub
from yandex.cloud.vpc.v1 import address_service_pb2, network_service_pb2, subnet_service_pb2
from yandex.cloud.vpc.v1.address_service_pb2_grpc import AddressServiceStub
from yandex.cloud.vpc.v1.network_service_pb2_grpc import NetworkServiceStub
from yandex.cloud.vpc.v1.subnet_service_pb2_grpc import SubnetServiceStub

ADDRESS = sys.argv[1]
SDK = yandexcloud.SDK(iam_token="t1.sdk-test")
checks = 0


def client(stub):
    return SDK.client(stub, endpoint=ADDRESS, insecure=True)


def check(condition, what):
    global checks
    if not condition:
        print(f"FAILED: {what}")
        sys.exit(1)
    checks += 1
    print(f"ok: {what}")


def expect_code(code, what, call):
    try:
        call()
    except grpc.RpcError as e:
        check(e.code() == code, f"{what}: {e.code().name} ({e.details()})")
        return
    check(False, f"{what}: expected {code.name}, the call succeeded")


def wait(operation):
    ops = client(OperationServiceStub)
    for _ in range(1000):
        if operation.done:
            return operation
        operation = ops.Get(GetOperationRequest(operation_id=operation.id))
    check(False, f"operation {operation.id} finished")


clouds = client(CloudServiceStub).List(cloud_service_pb2.ListCloudsRequest()).clouds
check(len(clouds) >= 1, f"CloudService.List returns clouds ({len(clouds)})")
folders = client(FolderServiceStub).List(folder_service_pb2.ListFoldersRequest(cloud_id=clouds[0].id)).folders
check(len(folders) >= 1, f"FolderService.List returns folders ({len(folders)})")
folder_id = folders[0].id

instances_api = client(InstanceServiceStub)
seen, token = [], ""
while True:
    page = instances_api.List(isvc.ListInstancesRequest(folder_id=folder_id, page_size=7, page_token=token))
    seen += page.instances
    token = page.next_page_token
    if not token:
        break
check(len(seen) >= 20 and len({i.id for i in seen}) == len(seen), f"paging with page_size=7 walks {len(seen)} distinct instances")

stopped = instances_api.List(isvc.ListInstancesRequest(folder_id=folder_id, filter='status = "STOPPED"')).instances
check(stopped and all(i.status == instance_pb2.Instance.STOPPED for i in stopped), f"filter status=\"STOPPED\" returns only STOPPED ({len(stopped)})")
expect_code(grpc.StatusCode.INVALID_ARGUMENT, "a malformed filter is refused",
            lambda: instances_api.List(isvc.ListInstancesRequest(folder_id=folder_id, filter='status ~ "x')))
expect_code(grpc.StatusCode.NOT_FOUND, "Get of an unknown instance",
            lambda: instances_api.Get(isvc.GetInstanceRequest(instance_id="fhmnosuchinstance000")))

target = next(i for i in stopped if len(i.network_interfaces) < 8)
got = instances_api.Get(isvc.GetInstanceRequest(instance_id=target.id, view=isvc.FULL))
check(got.id == target.id and got.zone_id, f"Get {target.id} ({got.name}, {got.zone_id})")

subnets = client(SubnetServiceStub).List(subnet_service_pb2.ListSubnetsRequest(folder_id=folder_id)).subnets
subnet = next(s for s in subnets if s.zone_id == got.zone_id)
groups = client(NetworkServiceStub).ListSecurityGroups(
    network_service_pb2.ListNetworkSecurityGroupsRequest(network_id=subnet.network_id)).security_groups
check(len(groups) >= 2, f"ListSecurityGroups of {subnet.network_id} ({len(groups)})")
addresses = client(AddressServiceStub).List(address_service_pb2.ListAddressesRequest(folder_id=folder_id)).addresses
free = [a for a in addresses if a.HasField("external_ipv4_address") and not a.used
        and a.external_ipv4_address.zone_id == got.zone_id]
check(free, f"a free static address in {got.zone_id}")

used = {n.index for n in got.network_interfaces}
index = next(str(i) for i in range(16) if str(i) not in used)
request = isvc.AttachInstanceNetworkInterfaceRequest(
    instance_id=got.id,
    network_interface_index=index,
    subnet_id=subnet.id,
    primary_v4_address_spec=isvc.PrimaryAddressSpec(
        one_to_one_nat_spec=isvc.OneToOneNatSpec(
            ip_version=instance_pb2.IPV4,
            address=free[0].external_ipv4_address.address,
        ),
        dns_record_specs=[isvc.DnsRecordSpec(fqdn="sdk-test", ttl=300)],
    ),
    security_group_ids=[groups[0].id, groups[1].id],
)
key = str(uuid.uuid4())
op = instances_api.AttachNetworkInterface(request, metadata=[("idempotency-key", key)])
meta = isvc.AttachInstanceNetworkInterfaceMetadata()
check(op.metadata.Unpack(meta) and meta.instance_id == got.id and meta.network_interface_index == index,
      f"Attach returns operation {op.id} with AttachInstanceNetworkInterfaceMetadata")
again = instances_api.AttachNetworkInterface(request, metadata=[("idempotency-key", key)])
check(again.id == op.id, "the same idempotency key returns the same operation")

done = wait(op)
check(done.WhichOneof("result") == "response", "the attach operation succeeds")
result = instance_pb2.Instance()
check(done.response.Unpack(result), "its response unpacks as compute.v1.Instance")
nic = next(n for n in result.network_interfaces if n.index == index)
check(nic.subnet_id == subnet.id and list(nic.security_group_ids) == [groups[0].id, groups[1].id],
      f"NIC {index} in {subnet.id} with both security groups")
check(nic.primary_v4_address.address and nic.primary_v4_address.one_to_one_nat.address == free[0].external_ipv4_address.address,
      f"NIC {index} got {nic.primary_v4_address.address} and NAT {nic.primary_v4_address.one_to_one_nat.address}")
check(len([n for n in result.network_interfaces if n.index == index]) == 1, "attached exactly once")

running = instances_api.List(isvc.ListInstancesRequest(folder_id=folder_id, filter='status = "RUNNING"')).instances
expect_code(grpc.StatusCode.FAILED_PRECONDITION, "attach to a RUNNING instance",
            lambda: instances_api.AttachNetworkInterface(isvc.AttachInstanceNetworkInterfaceRequest(
                instance_id=running[0].id, network_interface_index="7", subnet_id=subnet.id)))
stop = wait(instances_api.Stop(isvc.StopInstanceRequest(instance_id=running[0].id)))
check(stop.response.Is(Empty.DESCRIPTOR), "Stop's response is google.protobuf.Empty")
check(instances_api.Get(isvc.GetInstanceRequest(instance_id=running[0].id)).status == instance_pb2.Instance.STOPPED,
      "the stopped instance reads back STOPPED")

web = running[1]
web_nic = web.network_interfaces[0]
web_subnet = next(s for s in subnets if s.id == web_nic.subnet_id)
web_groups = client(NetworkServiceStub).ListSecurityGroups(
    network_service_pb2.ListNetworkSecurityGroupsRequest(network_id=web_subnet.network_id)).security_groups
new_groups = [g.id for g in web_groups if g.id not in web_nic.security_group_ids][:1]
update = isvc.UpdateInstanceNetworkInterfaceRequest(
    instance_id=web.id, network_interface_index=web_nic.index,
    update_mask=FieldMask(paths=["security_group_ids"]), security_group_ids=new_groups,
    subnet_id="ignored-outside-the-mask")
op = instances_api.UpdateNetworkInterface(update, metadata=[("idempotency-key", str(uuid.uuid4()))])
umeta = isvc.UpdateInstanceNetworkInterfaceMetadata()
check(op.metadata.Unpack(umeta) and umeta.instance_id == web.id and umeta.network_interface_index == web_nic.index,
      f"UpdateNetworkInterface returns operation {op.id} with UpdateInstanceNetworkInterfaceMetadata")
result = instance_pb2.Instance()
check(wait(op).response.Unpack(result), "its response unpacks as compute.v1.Instance")
updated = next(n for n in result.network_interfaces if n.index == web_nic.index)
check(list(updated.security_group_ids) == new_groups and updated.subnet_id == web_nic.subnet_id
      and result.status == instance_pb2.Instance.RUNNING,
      f"security groups of a RUNNING instance changed to {new_groups}, subnet untouched")
expect_code(grpc.StatusCode.FAILED_PRECONDITION, "a subnet change on a RUNNING instance",
            lambda: instances_api.UpdateNetworkInterface(isvc.UpdateInstanceNetworkInterfaceRequest(
                instance_id=web.id, network_interface_index=web_nic.index,
                update_mask=FieldMask(paths=["subnet_id"]), subnet_id=subnet.id)))
expect_code(grpc.StatusCode.INVALID_ARGUMENT, "an unknown update_mask path",
            lambda: instances_api.UpdateNetworkInterface(isvc.UpdateInstanceNetworkInterfaceRequest(
                instance_id=web.id, network_interface_index=web_nic.index,
                update_mask=FieldMask(paths=["mac_address"]))))

without_nat = next(i for i in running[1:] if not i.network_interfaces[0].primary_v4_address.HasField("one_to_one_nat"))
op = instances_api.AddOneToOneNat(isvc.AddInstanceOneToOneNatRequest(
    instance_id=without_nat.id, network_interface_index="0",
    one_to_one_nat_spec=isvc.OneToOneNatSpec(ip_version=instance_pb2.IPV4)))
ameta = isvc.AddInstanceOneToOneNatMetadata()
check(op.metadata.Unpack(ameta) and ameta.instance_id == without_nat.id,
      f"AddOneToOneNat returns operation {op.id} with AddInstanceOneToOneNatMetadata")
check(wait(op).response.Unpack(result) and result.network_interfaces[0].primary_v4_address.one_to_one_nat.address,
      f"{without_nat.name} got public address {result.network_interfaces[0].primary_v4_address.one_to_one_nat.address}")
expect_code(grpc.StatusCode.FAILED_PRECONDITION, "a second AddOneToOneNat on the same interface",
            lambda: instances_api.AddOneToOneNat(isvc.AddInstanceOneToOneNatRequest(
                instance_id=without_nat.id, network_interface_index="0")))
op = instances_api.RemoveOneToOneNat(isvc.RemoveInstanceOneToOneNatRequest(
    instance_id=without_nat.id, internal_address=result.network_interfaces[0].primary_v4_address.address))
rmeta = isvc.RemoveInstanceOneToOneNatMetadata()
check(op.metadata.Unpack(rmeta) and rmeta.instance_id == without_nat.id,
      f"RemoveOneToOneNat (by internal address) returns operation {op.id} with RemoveInstanceOneToOneNatMetadata")
check(wait(op).response.Unpack(result) and not result.network_interfaces[0].primary_v4_address.HasField("one_to_one_nat"),
      "the public address is gone")

console = instances_api.GetSerialPortOutput(isvc.GetInstanceSerialPortOutputRequest(instance_id=without_nat.id, port=1))
check(f"Set hostname to <{without_nat.name}>" in console.contents and "Add one-to-one NAT" in console.contents,
      f"GetSerialPortOutput: {len(console.contents)} characters, the boot and the NAT operations")
expect_code(grpc.StatusCode.INVALID_ARGUMENT, "serial port 5",
            lambda: instances_api.GetSerialPortOutput(isvc.GetInstanceSerialPortOutputRequest(instance_id=web.id, port=5)))

print(f"sdk client: {checks} checks passed")
