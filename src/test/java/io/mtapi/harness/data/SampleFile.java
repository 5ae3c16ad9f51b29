package io.mtapi.harness.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file to upload: name, declared content type and content, held in memory when
 * small or on disk when large (so an over-limit upload is never held twice).
 * {@link #sha256()} is what a byte-identical download must hash to.
 */
public record SampleFile(String filename, String contentType, byte[] bytes, Path path, long size, String sha256) {

    public static SampleFile inMemory(String filename, String contentType, byte[] bytes) {
        return new SampleFile(filename, contentType, bytes.clone(), null, bytes.length, sha256(bytes));
    }

    public static SampleFile onDisk(String filename, String contentType, Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return new SampleFile(filename, contentType, null, path, Files.size(path), sha256(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample file " + path, e);
        }
    }

    public boolean onDisk() {
        return path != null;
    }

    @Override
    public byte[] bytes() {
        return bytes == null ? null : bytes.clone();
    }

    /** The same content under another name. */
    public SampleFile named(String newName) {
        return new SampleFile(newName, contentType, bytes, path, size, sha256);
    }

    /** The same content declared as another type. */
    public SampleFile declaredAs(String newType) {
        return new SampleFile(filename, newType, bytes, path, size, sha256);
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest digest = digest();
        try (DigestInputStream stream = new DigestInputStream(in, digest)) {
            stream.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return filename + " (" + contentType + ", " + size + " bytes)";
    }
}
