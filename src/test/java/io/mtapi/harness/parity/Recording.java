package io.mtapi.harness.parity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What one side of a parity run sent and received, as {@link ExchangeRecorder} wrote it at the
 * end of its session: the target, and every exchange in order of arrival. Kept as JSON beside the
 * run's other files, so a reviewer can read what was compared.
 *
 * @param baseUrl   the deployment the side ran against
 * @param env       its config environment
 * @param version   the version its /health reported
 * @param exchanges every exchange of the session, fixtures and clean-up included
 */
public record Recording(String baseUrl, String env, String version, List<Exchange> exchanges) {

    static final String FILE = "recording.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    public Recording {
        exchanges = List.copyOf(exchanges);
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            MAPPER.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the parity recording " + file, e);
        }
    }

    static Recording read(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), Recording.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the parity recording " + file, e);
        }
    }
}
