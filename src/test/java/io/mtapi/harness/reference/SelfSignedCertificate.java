package io.mtapi.harness.reference;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The reference's HTTPS identity, made at start with Bouncy Castle (the JDK has no public API to make a
 * certificate): an EC P-256 key and a self-signed certificate for 127.0.0.1 and localhost, valid a day.
 * It signs itself, so a client that trusts it as a CA ({@code api.tls.trustedCa}) trusts the server.
 */
final class SelfSignedCertificate {

    static final char[] KEY_STORE_PASSWORD = "reference".toCharArray();

    private final KeyStore keyStore;
    private final String pem;

    private SelfSignedCertificate(KeyStore keyStore, String pem) {
        this.keyStore = keyStore;
        this.pem = pem;
    }

    static SelfSignedCertificate forLoopback() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=127.0.0.1, O=Embedded reference target");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject, pair.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("reference", pair.getPrivate(), KEY_STORE_PASSWORD, new Certificate[] {certificate});
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(certificate);
            }
            return new SelfSignedCertificate(store, pem.toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the reference's self-signed certificate", e);
        }
    }

    KeyStore keyStore() {
        return keyStore;
    }

    /** The certificate in PEM, to hand a client as its trusted CA. */
    String pem() {
        return pem;
    }
}
