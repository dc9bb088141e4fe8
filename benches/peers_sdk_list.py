"""The official Python SDK's plain List loop, for benches/peers.rs.

Usage: peers_sdk_list.py HOST:PORT FOLDER_ID PAGE_SIZE. Pages through the folder's instances,
keeping nothing, and prints the count and the seconds the loop took.
"""

import sys
import time

import yandexcloud
from yandex.cloud.compute.v1.instance_service_pb2 import ListInstancesRequest
from yandex.cloud.compute.v1.instance_service_pb2_grpc import InstanceServiceStub

address, folder_id, page_size = sys.argv[1], sys.argv[2], int(sys.argv[3])
sdk = yandexcloud.SDK(iam_token="t1.peers-bench")
instances = sdk.client(InstanceServiceStub, endpoint=address, insecure=True)
started = time.monotonic()
count, token = 0, ""
while True:
    page = instances.List(ListInstancesRequest(folder_id=folder_id, page_size=page_size, page_token=token))
    count += len(page.instances)
    token = page.next_page_token
    if not token:
        break
print(count, time.monotonic() - started)
