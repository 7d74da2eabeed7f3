//! Digital signatures on issued PDFs: a CMS detached signature (`adbe.pkcs7.detached`) made with
//! the organisation's certificate, so that any PDF reader can show whether the document was
//! changed after it was issued.
//!
//! The certificate and its private key live inside the encrypted database. A store gets a
//! self-signed certificate in the organisation's name the first time it needs one.

use crate::clock;
use crate::error::{Code, Error, Result};
use crate::secret::Secret;
use crate::text::{Arg, Message};
use bcder::encode::{PrimitiveContent, Values};
use bcder::{Captured, Mode, Oid};
use bytes::Bytes;
use chrono::{DateTime, Utc};
use cryptographic_message_syntax::asn1::rfc5652::{
    CertificateChoices, CertificateSet, CmsVersion, DigestAlgorithmIdentifier, DigestAlgorithmIdentifiers,
    EncapsulatedContentInfo, IssuerAndSerialNumber, OID_CONTENT_TYPE, OID_ID_DATA, OID_MESSAGE_DIGEST,
    OID_SIGNING_TIME, SignatureValue, SignedAttributes, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use lopdf::{Dictionary, Document, Object, StringFormat};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use x509_certificate::asn1time::UtcTime;
use x509_certificate::rfc5652::{Attribute, AttributeValue};
use x509_certificate::{
    CapturedX509Certificate, DigestAlgorithm, EcdsaCurve, InMemorySigningKeyPair, KeyAlgorithm, Sign,
    SignatureAlgorithm, Signer, X509CertificateBuilder,
};

/// Room for the signature in the PDF, in bytes of DER (written as twice as many hex digits): the
/// CMS holds the certificate, the issuer's name again (never longer than the certificate) and
/// about a kilobyte of attributes, algorithm names and the signature itself (512 bytes for
/// RSA-4096). A fixed 8 KiB made every invoice 16 KB of hex zeros bigger than its signature.
fn signature_space(identity: &SigningIdentity) -> usize {
    2 * identity.certificate.len() + 2048
}
const BYTE_RANGE_PLACEHOLDER: &[u8] = b"[0 9999999999 9999999999 9999999999]";

pub struct SigningIdentity {
    certificate: Vec<u8>,
    private_key: Secret<Vec<u8>>,
}

impl std::fmt::Debug for SigningIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningIdentity(***)")
    }
}

fn crypto(e: impl std::fmt::Debug) -> Error {
    Error::new(
        Code::Io,
        crate::msg!("error.documents.signing_failed", reason = format!("{e:?}")),
    )
}

impl SigningIdentity {
    /// A new self-signed certificate in the organisation's name, valid for ten years.
    pub fn generate(organisation: &str) -> Result<SigningIdentity> {
        let mut builder = X509CertificateBuilder::default();
        builder
            .subject()
            .append_common_name_utf8_string(&format!("{organisation} (fakturor)"))
            .map_err(crypto)?;
        builder
            .subject()
            .append_organization_utf8_string(organisation)
            .map_err(crypto)?;
        builder.subject().append_country_utf8_string("SE").map_err(crypto)?;
        builder.constraint_not_ca();
        builder.key_usage(x509_certificate::certificate::KeyUsage::DigitalSignature);
        builder.key_usage(x509_certificate::certificate::KeyUsage::NonRepudiation);
        builder.validity_duration(chrono::Duration::days(3653));
        let mut serial = [0u8; 7];
        getrandom::fill(&mut serial).map_err(crypto)?;
        builder.serial_number(i64::from_be_bytes([
            0, serial[0], serial[1], serial[2], serial[3], serial[4], serial[5], serial[6],
        ]));
        let (certificate, key) = builder
            .create_with_random_keypair(KeyAlgorithm::Ecdsa(EcdsaCurve::Secp256r1))
            .map_err(crypto)?;
        Ok(SigningIdentity {
            certificate: certificate.encode_der().map_err(crypto)?,
            private_key: Secret::new(key.to_pkcs8_one_asymmetric_key_der().to_vec()),
        })
    }

    /// The key and certificate in a PKCS#12 file (.p12/.pfx), as a certificate authority or an
    /// e-identification provider issues them. Refused, with the reason, when the password is wrong,
    /// the file is damaged or not PKCS#12, there is no private key with a certificate, or the key
    /// does not belong to the certificate.
    pub fn from_pkcs12(data: &[u8], password: &Secret<String>) -> Result<SigningIdentity> {
        let refused =
            |why: Message| Error::invalid("pkcs12", crate::msg!("error.documents.pkcs12_refused", reason = why));
        let store =
            p12_keystore::KeyStore::from_pkcs12(data, password.expose(), p12_keystore::Pkcs12ImportPolicy::Strict)
                .map_err(|_| refused(crate::msg!("error.documents.pkcs12_unopenable")))?;
        let (_, chain) = store
            .private_key_chain()
            .ok_or_else(|| refused(crate::msg!("error.documents.pkcs12_no_key")))?;
        let certificate = chain
            .certs()
            .first()
            .ok_or_else(|| refused(crate::msg!("error.documents.pkcs12_no_certificate")))?
            .as_der()
            .to_vec();
        let key = InMemorySigningKeyPair::from_pkcs8_der(chain.key().as_der())
            .map_err(|_| refused(crate::msg!("error.documents.pkcs12_key_type")))?;
        let cert = CapturedX509Certificate::from_der(certificate.clone())
            .map_err(|_| refused(crate::msg!("error.documents.pkcs12_certificate_unreadable")))?;
        if key.public_key_data().as_ref() != cert.public_key_data().as_ref() {
            return Err(refused(crate::msg!("error.documents.pkcs12_key_mismatch")));
        }
        Ok(SigningIdentity {
            certificate,
            private_key: Secret::new(chain.key().as_der().to_vec()),
        })
    }

    fn certificate(&self) -> Result<CapturedX509Certificate> {
        CapturedX509Certificate::from_der(self.certificate.clone()).map_err(crypto)
    }

    /// The certificate, DER-encoded, for anyone who wants to trust it.
    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate
    }

    /// The certificate as PEM text.
    pub fn certificate_pem(&self) -> Result<String> {
        Ok(self.certificate()?.encode_pem())
    }

    /// The name the signature is made in.
    pub fn subject(&self) -> Result<String> {
        let cert = self.certificate()?;
        Ok(cert.subject_common_name().unwrap_or_default())
    }

    /// A plain signature over `message` with the identity's key (ECDSA P-256 with SHA-256 for
    /// the certificates Fristad makes; RSA with SHA-256 for an imported RSA key), for
    /// [`verify_bytes`] to check against the certificate.
    pub(crate) fn sign_bytes(&self, message: &[u8]) -> Result<Vec<u8>> {
        let key = InMemorySigningKeyPair::from_pkcs8_der(self.private_key.expose()).map_err(crypto)?;
        let signature: x509_certificate::Signature = Signer::try_sign(&key, message).map_err(crypto)?;
        Ok(Vec::<u8>::from(signature))
    }
}

/// Whether `signature` over `message` was made, as [`SigningIdentity::sign_bytes`] makes it,
/// with the key of the certificate `certificate_der`.
pub(crate) fn verify_bytes(certificate_der: &[u8], message: &[u8], signature: &[u8]) -> bool {
    let Ok(cert) = CapturedX509Certificate::from_der(certificate_der.to_vec()) else {
        return false;
    };
    let Some(key) = cert.key_algorithm() else {
        return false;
    };
    // The algorithm `try_sign` uses for each kind of key.
    let algorithm = match key {
        KeyAlgorithm::Rsa => SignatureAlgorithm::RsaSha256,
        KeyAlgorithm::Ecdsa(EcdsaCurve::Secp256r1) => SignatureAlgorithm::EcdsaSha256,
        KeyAlgorithm::Ecdsa(EcdsaCurve::Secp384r1) => SignatureAlgorithm::EcdsaSha384,
        KeyAlgorithm::Ed25519 => SignatureAlgorithm::Ed25519,
    };
    algorithm
        .resolve_verification_algorithm(key)
        .is_ok_and(|v| cert.verify_signed_data_with_algorithm(message, signature, v).is_ok())
}

/// Whose certificate signs, and whether it was made by Fristad or imported.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Summary {
    pub subject: String,
    pub source: String,
}

pub fn summary(conn: &Connection) -> Result<Option<Summary>> {
    let source: Option<String> = conn
        .query_row("SELECT source FROM signing_identity WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    match (load(conn)?, source) {
        (Some(id), Some(source)) => Ok(Some(Summary {
            subject: id.subject()?,
            source,
        })),
        _ => Ok(None),
    }
}

pub fn load(conn: &Connection) -> Result<Option<SigningIdentity>> {
    load_in(conn, "main")
}

/// The signing identity in the database attached to `conn` as `schema` (`main` for its own).
pub(crate) fn load_in(conn: &Connection, schema: &str) -> Result<Option<SigningIdentity>> {
    let row: Option<(Vec<u8>, Vec<u8>)> = conn
        .query_row(
            &format!("SELECT certificate, private_key FROM {schema}.signing_identity WHERE id = 1"),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(row.map(|(certificate, key)| SigningIdentity {
        certificate,
        private_key: Secret::new(key),
    }))
}

/// The organisation's signing identity, made now if there is none yet.
pub fn ensure(tx: &Transaction, organisation: &str, now: DateTime<Utc>) -> Result<SigningIdentity> {
    if let Some(id) = load(tx)? {
        return Ok(id);
    }
    let id = SigningIdentity::generate(organisation)?;
    tx.execute(
        "INSERT INTO signing_identity (id, certificate, private_key, source, created_at) VALUES (1, ?1, ?2, 'generated', ?3)",
        params![id.certificate, id.private_key.expose(), clock::to_stored(now)],
    )?;
    Ok(id)
}

/// Replaces the signing identity with one the user imported. Documents issued before keep the
/// signature they were issued with.
pub fn import(tx: &Transaction, identity: &SigningIdentity, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "INSERT INTO signing_identity (id, certificate, private_key, source, created_at) VALUES (1, ?1, ?2, 'imported', ?3)
         ON CONFLICT (id) DO UPDATE SET certificate = ?1, private_key = ?2, source = 'imported', created_at = ?3",
        params![identity.certificate, identity.private_key.expose(), clock::to_stored(now)],
    )?;
    Ok(())
}

/// The reason is an error from the PDF library, or a catalogue text.
fn pdf_error(reason: impl Into<Arg>) -> Error {
    let reason: Arg = reason.into();
    Error::new(Code::Io, crate::msg!("error.documents.pdf_signing", reason = reason))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

fn attribute(oid: &[u8], value: Captured) -> Attribute {
    Attribute {
        typ: Oid(Bytes::copy_from_slice(oid)),
        values: vec![AttributeValue::new(value)],
    }
}

/// A CMS SignedData (RFC 5652) over `content`, detached (the content is not included): SHA-256
/// digest, signed attributes content-type (id-data, which pyHanko requires), message-digest and
/// signing-time, signed with the identity's key; the certificate is included.
fn detached_cms(content: &[u8], identity: &SigningIdentity) -> Result<Vec<u8>> {
    let key = InMemorySigningKeyPair::from_pkcs8_der(identity.private_key.expose()).map_err(crypto)?;
    let certificate = identity.certificate()?;
    let mut digester = DigestAlgorithm::Sha256.digester();
    digester.update(content);
    let digest = digester.finish();
    let id_data = Oid(Bytes::copy_from_slice(OID_ID_DATA.as_ref()));

    let mut attributes = SignedAttributes::default();
    attributes.push(attribute(
        OID_CONTENT_TYPE.as_ref(),
        Captured::from_values(Mode::Der, id_data.encode_ref()),
    ));
    attributes.push(attribute(
        OID_MESSAGE_DIGEST.as_ref(),
        Captured::from_values(Mode::Der, digest.as_ref().encode()),
    ));
    attributes.push(attribute(
        OID_SIGNING_TIME.as_ref(),
        Captured::from_values(Mode::Der, UtcTime::now().encode()),
    ));
    let digest_algorithm = DigestAlgorithmIdentifier {
        algorithm: DigestAlgorithm::Sha256.into(),
        parameters: None,
    };
    let mut signer = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: certificate.issuer_name().clone(),
            serial_number: certificate.serial_number_asn1().clone(),
        }),
        digest_algorithm: digest_algorithm.clone(),
        // DER wants a SET in sorted order.
        signed_attributes: Some(attributes.as_sorted().map_err(crypto)?),
        signature_algorithm: key.signature_algorithm().map_err(crypto)?.into(),
        signature: SignatureValue::new(Bytes::new()),
        unsigned_attributes: None,
        signed_attributes_data: None,
    };
    let to_sign = signer
        .signed_attributes_digested_content()
        .map_err(crypto)?
        .expect("signed attributes are present");
    let signature: x509_certificate::Signature = Signer::try_sign(&key, &to_sign).map_err(crypto)?;
    signer.signature = SignatureValue::new(Bytes::from(Vec::<u8>::from(signature)));

    let mut signers = SignerInfos::default();
    signers.push(signer);
    let mut digest_algorithms = DigestAlgorithmIdentifiers::default();
    digest_algorithms.push(digest_algorithm);
    let mut certificates = CertificateSet::default();
    certificates.push(CertificateChoices::Certificate(Box::new(certificate.into())));
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms,
        content_info: EncapsulatedContentInfo {
            content_type: id_data,
            content: None,
        },
        certificates: Some(certificates),
        crls: None,
        signer_infos: signers,
    };
    let mut der = Vec::new();
    signed_data
        .encode_ref()
        .write_encoded(Mode::Der, &mut der)
        .map_err(crypto)?;
    Ok(der)
}

/// zlib's default level for the streams: an invoice is 50.9 KB against 50.5 at the best level,
/// and made 0.55 ms faster (BENCHMARKS.md).
const LEVEL: u32 = 6;

/// `content` compressed. Large streams (the embedded font subsets) are kept compressed by their
/// SHA-256, a few dozen at most: a month's invoices embed the same subsets again and again, and
/// compressing them was most of an invoice's deflate time (issue 23). The same input gives the
/// same bytes either way.
fn compressed(content: &[u8]) -> Result<Vec<u8>> {
    use sha2::Digest;
    use std::collections::HashMap;
    use std::io::Write;
    use std::sync::{Mutex, OnceLock};
    static KEPT: OnceLock<Mutex<HashMap<[u8; 32], Vec<u8>>>> = OnceLock::new();
    let deflate = |content: &[u8]| -> Result<Vec<u8>> {
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(LEVEL));
        encoder.write_all(content).map_err(pdf_error)?;
        encoder.finish().map_err(pdf_error)
    };
    if content.len() < 8 * 1024 {
        return deflate(content);
    }
    let key: [u8; 32] = sha2::Sha256::digest(content).into();
    let kept = KEPT.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(bytes) = kept.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(bytes.clone());
    }
    let bytes = deflate(content)?;
    let mut kept = kept.lock().unwrap_or_else(|e| e.into_inner());
    if kept.len() >= 64 {
        kept.clear();
    }
    kept.insert(key, bytes.clone());
    Ok(bytes)
}

/// Compresses the streams that are not compressed yet.
fn compress_streams(doc: &mut Document) -> Result<()> {
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object
            && stream.allows_compression
            && stream.dict.get(b"Filter").is_err()
        {
            let compressed = compressed(&stream.content)?;
            if compressed.len() < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
    Ok(())
}

/// Sets entries in the document information dictionary (`/Info` in the trailer), made if missing.
fn note_info(doc: &mut Document, info: &[(&str, String)]) -> Result<()> {
    let existing = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
    let id = match existing {
        Some(id) => id,
        None => {
            let id = doc.add_object(Object::Dictionary(Dictionary::new()));
            doc.trailer.set("Info", Object::Reference(id));
            id
        }
    };
    let dict = doc
        .get_object_mut(id)
        .and_then(Object::as_dict_mut)
        .map_err(pdf_error)?;
    for (key, text) in info {
        dict.set(*key, Object::string_literal(text.as_str()));
    }
    Ok(())
}

/// Signs a PDF: adds an invisible signature field and a CMS detached signature over every byte
/// of the file except the signature itself. `reason` and `name` are shown by PDF readers.
pub fn sign_pdf(
    pdf: &[u8],
    identity: &SigningIdentity,
    name: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Vec<u8>> {
    sign_pdf_noting(pdf, identity, name, reason, now, &[])
}

/// [`sign_pdf`], with entries of its own added to the document information dictionary first
/// (so that the signature covers them): `(key, text)`, keys being PDF names without the slash.
pub fn sign_pdf_noting(
    pdf: &[u8],
    identity: &SigningIdentity,
    name: &str,
    reason: &str,
    now: DateTime<Utc>,
    info: &[(&str, String)],
) -> Result<Vec<u8>> {
    let space = signature_space(identity);
    let mut doc = Document::load_mem(pdf).map_err(pdf_error)?;
    compress_streams(&mut doc)?;
    if !info.is_empty() {
        note_info(&mut doc, info)?;
    }
    let page_id = *doc
        .get_pages()
        .values()
        .next()
        .ok_or_else(|| pdf_error(&crate::msg!("error.documents.pdf_no_pages")))?;

    let mut sig = Dictionary::new();
    sig.set("Type", Object::Name(b"Sig".to_vec()));
    sig.set("Filter", Object::Name(b"Adobe.PPKLite".to_vec()));
    sig.set("SubFilter", Object::Name(b"adbe.pkcs7.detached".to_vec()));
    sig.set(
        "ByteRange",
        Object::Array(vec![
            Object::Integer(0),
            Object::Integer(9_999_999_999),
            Object::Integer(9_999_999_999),
            Object::Integer(9_999_999_999),
        ]),
    );
    sig.set("Contents", Object::String(vec![0u8; space], StringFormat::Hexadecimal));
    sig.set("M", Object::string_literal(now.format("D:%Y%m%d%H%M%SZ").to_string()));
    sig.set("Name", Object::String(name.as_bytes().to_vec(), StringFormat::Literal));
    sig.set(
        "Reason",
        Object::String(reason.as_bytes().to_vec(), StringFormat::Literal),
    );
    let sig_id = doc.add_object(Object::Dictionary(sig));

    let mut field = Dictionary::new();
    field.set("Type", Object::Name(b"Annot".to_vec()));
    field.set("Subtype", Object::Name(b"Widget".to_vec()));
    field.set("FT", Object::Name(b"Sig".to_vec()));
    field.set("T", Object::string_literal("Signatur"));
    field.set("V", Object::Reference(sig_id));
    field.set("Rect", Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]));
    field.set("F", Object::Integer(132));
    field.set("P", Object::Reference(page_id));
    let field_id = doc.add_object(Object::Dictionary(field));

    let page = doc
        .get_object_mut(page_id)
        .and_then(Object::as_dict_mut)
        .map_err(pdf_error)?;
    match page.get_mut(b"Annots") {
        Ok(Object::Array(annots)) => annots.push(Object::Reference(field_id)),
        _ => page.set("Annots", Object::Array(vec![Object::Reference(field_id)])),
    }
    let mut form = Dictionary::new();
    form.set("Fields", Object::Array(vec![Object::Reference(field_id)]));
    form.set("SigFlags", Object::Integer(3));
    let form_id = doc.add_object(Object::Dictionary(form));
    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(pdf_error)?;
    doc.get_object_mut(root_id)
        .and_then(Object::as_dict_mut)
        .map_err(pdf_error)?
        .set("AcroForm", Object::Reference(form_id));

    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(pdf_error)?;

    // Fill in the byte range: everything except the hex signature, angle brackets included.
    let zeros = vec![b'0'; space * 2];
    let hex_start =
        find(&out, &zeros).ok_or_else(|| pdf_error(&crate::msg!("error.documents.pdf_no_signature_place")))?;
    let contents_start = hex_start - 1;
    let contents_end = hex_start + zeros.len() + 1;
    if out[contents_start] != b'<' || out[contents_end - 1] != b'>' {
        return Err(pdf_error(&crate::msg!("error.documents.pdf_signature_place_shape")));
    }
    let range_at = find(&out, BYTE_RANGE_PLACEHOLDER)
        .ok_or_else(|| pdf_error(&crate::msg!("error.documents.pdf_no_byte_range")))?;
    let range = format!("[0 {contents_start} {contents_end} {}]", out.len() - contents_end);
    if range.len() > BYTE_RANGE_PLACEHOLDER.len() {
        return Err(pdf_error(&crate::msg!("error.documents.pdf_too_large")));
    }
    let padded = format!("{range:<width$}", width = BYTE_RANGE_PLACEHOLDER.len());
    out[range_at..range_at + padded.len()].copy_from_slice(padded.as_bytes());

    let mut signed = out[..contents_start].to_vec();
    signed.extend_from_slice(&out[contents_end..]);
    let cms = detached_cms(&signed, identity)?;
    let hex = hex::encode(&cms);
    if hex.len() > zeros.len() {
        return Err(pdf_error(&crate::msg!("error.documents.pdf_signature_too_large")));
    }
    out[hex_start..hex_start + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_pdf_keeps_its_content_and_carries_a_detached_signature() {
        let id = SigningIdentity::generate("Testjouren").unwrap();
        let pdf = crate::documents::recovery_sheet::render(&crate::keys::DbKey::generate().unwrap(), None, Utc::now());
        let signed = sign_pdf(&pdf, &id, "Testjouren", "Faktura", Utc::now()).unwrap();
        assert!(signed.starts_with(b"%PDF-"));
        assert!(find(&signed, b"adbe.pkcs7.detached").is_some());
        assert!(
            find(&signed, BYTE_RANGE_PLACEHOLDER).is_none(),
            "the byte range is filled in"
        );
        if let Ok(dir) = std::env::var("FRISTAD_KEEP_SIGNED_PDF") {
            std::fs::write(format!("{dir}/signed.pdf"), &signed).unwrap();
            std::fs::write(format!("{dir}/cert.pem"), id.certificate_pem().unwrap()).unwrap();
        }
    }
}
