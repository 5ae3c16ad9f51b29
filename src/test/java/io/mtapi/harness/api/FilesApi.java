package io.mtapi.harness.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mtapi.harness.data.SampleFile;
import io.mtapi.harness.http.Phases;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code /api/v1/files} as one caller. Uploaded files are reported to the tracker
 * and deleted when the owning fixture's scope ends.
 */
public final class FilesApi {

    static final String FILES = "/api/v1/files";
    static final String FILE = "/api/v1/files/{file_id}";

    private final Calls calls;
    private final ResourceTracker tracker;

    public FilesApi(RequestSpecification spec, ResourceTracker tracker) {
        this.calls = new Calls(spec);
        this.tracker = tracker;
    }

    /** Multipart upload of the sample in form field {@code file}. */
    public ApiResponse upload(SampleFile file) {
        return upload("file", file);
    }

    /** Multipart upload under any form field name (the contract's is {@code file}). */
    public ApiResponse upload(String fieldName, SampleFile file) {
        MultiPartSpecBuilder part = file.onDisk()
                ? new MultiPartSpecBuilder(file.path().toFile())
                : new MultiPartSpecBuilder(file.bytes());
        var spec = part.controlName(fieldName).fileName(file.filename()).mimeType(file.contentType()).build();
        ApiResponse response = calls.send("POST", FILES + "/upload", "FileMetadata", r -> r.multiPart(spec),
                Recoveries.fileUploaded(calls, tracker, file));
        if (response.status() == 201) {
            tracker.fileUploaded(response.json().path("id").asText());
        }
        return response;
    }

    /** Multipart request without the {@code file} part: only another, unrelated field (a probe; a lost answer aborts). */
    public ApiResponse uploadWithoutFilePart() {
        return calls.send("POST", FILES + "/upload", "FileMetadata", r -> r.multiPart("note", "no file here"));
    }

    /** {@code GET /api/v1/files/{id}}: the file's bytes, not JSON. */
    public ApiResponse download(String id) {
        return calls.send("GET", FILE, null, r -> r.accept("*/*"), id);
    }

    public ApiResponse delete(String id) {
        ApiResponse response = calls.send("DELETE", FILE, null, UnaryOperator.identity(),
                Recoveries.fileDeleted(calls, tracker, id), id);
        if (response.status() == 204) {
            tracker.fileDeleted(id);
        }
        return response;
    }

    public ApiResponse list() {
        return list(Map.of());
    }

    public ApiResponse list(Map<String, ?> query) {
        return calls.send("GET", FILES, "FilePage", r -> r.queryParams(query));
    }

    /** The listing as a page; fails the test with the contract's words if that is not a 200. */
    public Page<FileMetadata> listed(Map<String, ?> query) {
        ApiResponse response = list(query);
        if (response.status() != 200) {
            throw new AssertionError("GET /api/v1/files did not list the tenant's files (expected 200, got "
                    + response.status() + ")\n  " + response.describe());
        }
        return response.as(new TypeReference<Page<FileMetadata>>() { });
    }

    /** Uploads and returns the metadata, as a Set-up step of the report; fails the test if that is not a 201. */
    public FileMetadata uploaded(SampleFile file) {
        return Phases.setUp("File uploaded: " + file.filename() + " (" + file.contentType() + ", " + file.size() + " bytes)", () -> {
            ApiResponse response = upload(file);
            if (response.status() != 201) {
                throw new AssertionError("Set-up: POST /api/v1/files/upload did not store an allowed file (expected 201, got "
                        + response.status() + ")\n  " + file + "\n  " + response.describe());
            }
            return response.as(FileMetadata.class);
        });
    }
}
