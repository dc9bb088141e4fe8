//! Code generated from `proto/` by build.rs, laid out in the API's own packages.
#![allow(clippy::all, clippy::pedantic, missing_docs)]

/// The encoded `FileDescriptorSet` of every file in `proto/` and its imports.
pub const DESCRIPTOR_SET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/descriptor.bin"));

pub mod google {
    pub mod rpc {
        include!(concat!(env!("OUT_DIR"), "/google.rpc.rs"));
    }
}

pub mod yandex {
    pub mod cloud {
        pub mod operation {
            include!(concat!(env!("OUT_DIR"), "/yandex.cloud.operation.rs"));
        }
        pub mod reference {
            include!(concat!(env!("OUT_DIR"), "/yandex.cloud.reference.rs"));
        }
        pub mod compute {
            pub mod v1 {
                include!(concat!(env!("OUT_DIR"), "/yandex.cloud.compute.v1.rs"));
            }
        }
        pub mod vpc {
            pub mod v1 {
                include!(concat!(env!("OUT_DIR"), "/yandex.cloud.vpc.v1.rs"));
            }
        }
        pub mod resourcemanager {
            pub mod v1 {
                include!(concat!(
                    env!("OUT_DIR"),
                    "/yandex.cloud.resourcemanager.v1.rs"
                ));
            }
        }
        pub mod dns {
            pub mod v1 {
                include!(concat!(env!("OUT_DIR"), "/yandex.cloud.dns.v1.rs"));
            }
        }
        pub mod iam {
            pub mod v1 {
                include!(concat!(env!("OUT_DIR"), "/yandex.cloud.iam.v1.rs"));
            }
        }
        pub mod endpoint {
            include!(concat!(env!("OUT_DIR"), "/yandex.cloud.endpoint.rs"));
        }
    }
}
