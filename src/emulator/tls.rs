//! A throwaway CA and a server certificate for 127.0.0.1 and localhost, made at start-up.

use std::fmt;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};

/// The server's certificate and key, and the CA certificate clients should trust.
#[derive(Clone)]
pub struct TlsIdentity {
    pub cert_pem: String,
    pub key_pem: String,
    pub ca_pem: String,
}

impl fmt::Debug for TlsIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TlsIdentity { .. }")
    }
}

impl TlsIdentity {
    /// A fresh CA and a certificate it signed for `127.0.0.1`, `::1` and `localhost`.
    pub fn generate() -> Result<Self, rcgen::Error> {
        let ca_key = KeyPair::generate()?;
        let mut ca_params = CertificateParams::new(Vec::<String>::new())?;
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "ycdash emulator test CA");
        let ca_cert = ca_params.self_signed(&ca_key)?;
        let issuer = Issuer::new(ca_params, ca_key);
        let server_key = KeyPair::generate()?;
        let mut params = CertificateParams::new(vec![
            "127.0.0.1".to_string(),
            "::1".to_string(),
            "localhost".to_string(),
        ])?;
        params
            .distinguished_name
            .push(DnType::CommonName, "ycdash emulator");
        let cert = params.signed_by(&server_key, &issuer)?;
        Ok(Self {
            cert_pem: cert.pem(),
            key_pem: server_key.serialize_pem(),
            ca_pem: ca_cert.pem(),
        })
    }
}
