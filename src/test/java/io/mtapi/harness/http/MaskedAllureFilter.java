package io.mtapi.harness.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.attachment.AttachmentContent;
import io.qameta.allure.attachment.FreemarkerAttachmentRenderer;
import io.qameta.allure.attachment.http.HttpRequestAttachment;
import io.qameta.allure.attachment.http.HttpResponseAttachment;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StepResult;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.restassured.specification.MultiPartSpecification;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Puts every HTTP exchange into the Allure report as one step, {@code POST /api/v1/users -> 201 (12 ms)},
 * holding its request and response attachments, under the phase of the test it belongs to
 * ({@link Phases}). Everything shown is masked ({@link Masking}): the Authorization header and other
 * credentials, passwords and tokens in any body encoding, in query strings and multipart fields.
 * Binary bodies (file downloads, uploads) are summarised, not dumped.
 *
 * <p>A request carries a curl command only where it can be replayed from the report: nothing in it
 * was masked or summarised, except a bearer token, which the command takes from {@code $TOKEN}.
 *
 * <p>The FreeMarker renderers are built once: a renderer parses its template on first use and
 * keeps it, so a renderer per call parsed the template for every attachment.
 */
public final class MaskedAllureFilter implements OrderedFilter {

    private static final int MAX_TEXT_BODY = 64 * 1024;
    private static final FreemarkerAttachmentRenderer REQUEST = new FreemarkerAttachmentRenderer("http-request.ftl");
    private static final FreemarkerAttachmentRenderer RESPONSE = new FreemarkerAttachmentRenderer("http-response.ftl");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LongAdder attached = new LongAdder();
    private final LongAdder outsideTests = new LongAdder();

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        // Clean-up after a class runs outside any test or fixture: nothing to attach to.
        if (lifecycle.getCurrentTestCaseOrStep().isEmpty()) {
            outsideTests.increment();
            return context.next(request, responseSpec);
        }
        Phases.beforeCall(request.getMethod());
        String call = request.getMethod() + " " + Masking.text(pathAndQuery(request.getURI()));
        String uuid = UUID.randomUUID().toString();
        lifecycle.startStep(uuid, new StepResult().setName(call));
        long start = System.nanoTime();
        try {
            attach(lifecycle, REQUEST.render(requestAttachment(request)), "Request");
            Response response = context.next(request, responseSpec);
            long millis = (System.nanoTime() - start) / 1_000_000;
            attach(lifecycle, RESPONSE.render(responseAttachment(response)), "Response " + response.getStatusCode());
            lifecycle.updateStep(uuid, step -> step.setName(call + " -> " + response.getStatusCode() + " (" + millis + " ms)")
                    .setStatus(Status.PASSED));
            return response;
        } catch (RuntimeException | Error e) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            lifecycle.updateStep(uuid, step -> step.setName(call + " -> no answer: " + e.getClass().getSimpleName()
                    + " (" + millis + " ms)").setStatus(Status.BROKEN));
            throw e;
        } finally {
            lifecycle.stopStep(uuid);
            attached.increment();
        }
    }

    @Override
    public int getOrder() {
        return Integer.MAX_VALUE - 2;
    }

    /** Exchanges put into the report as steps. */
    public long attached() {
        return attached.sum();
    }

    /** Exchanges made while no test or fixture was running (class and run clean-up): not in the report. */
    public long outsideTests() {
        return outsideTests.sum();
    }

    private static void attach(AllureLifecycle lifecycle, AttachmentContent content, String name) {
        lifecycle.addAttachment(name, content.getContentType(), content.getFileExtension(),
                content.getContent().getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequestAttachment requestAttachment(FilterableRequestSpecification request) {
        Map<String, String> headers = new LinkedHashMap<>();
        boolean replayable = true;
        String bearer = null;
        for (Header header : request.getHeaders()) {
            String shown = Masking.header(header.getName(), header.getValue());
            headers.put(header.getName(), shown);
            if (header.getName().equalsIgnoreCase("Authorization") && header.getValue().startsWith("Bearer ")) {
                bearer = header.getName();
            } else if (!shown.equals(header.getValue())) {
                replayable = false;
            }
        }
        Map<String, String> formParams = new LinkedHashMap<>();
        request.getFormParams().forEach((name, value) -> formParams.put(name, Masking.field(name, String.valueOf(value))));
        String url = request.getURI();
        String shownUrl = Masking.text(url);
        replayable &= shownUrl.equals(url) && formParams.isEmpty() && request.getCookies().size() == 0;
        String body = null;
        if (request.getBody() != null) {
            String raw = bodyText(request.getBody());
            String shown = Masking.text(shortened(pretty(raw, request.getContentType())));
            replayable &= raw.length() <= MAX_TEXT_BODY && Masking.text(raw).equals(raw);
            body = shown;
        } else if (!request.getMultiPartParams().isEmpty()) {
            body = request.getMultiPartParams().stream().map(MaskedAllureFilter::describe).collect(Collectors.joining("\n"));
            replayable = false;
        }
        String curl = replayable ? curl(request, headers, bearer) : null;
        return new HttpRequestAttachment(request.getMethod() + " " + pathAndQuery(shownUrl), shownUrl, request.getMethod(),
                body, curl, headers, Map.of(), formParams);
    }

    private static HttpResponseAttachment responseAttachment(Response response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.put(header.getName(), Masking.header(header.getName(), header.getValue()));
        }
        return HttpResponseAttachment.Builder.create(response.getStatusLine())
                .setResponseCode(response.getStatusCode())
                .setHeaders(headers)
                .setBody(responseBody(response))
                .build();
    }

    /** The command that sends the same request again; the bearer token comes from $TOKEN. */
    private static String curl(FilterableRequestSpecification request, Map<String, String> shownHeaders, String bearer) {
        StringBuilder curl = new StringBuilder("curl -sS -X ").append(request.getMethod()).append(' ')
                .append(quoted(request.getURI()));
        shownHeaders.forEach((name, value) -> {
            if (name.equals(bearer)) {
                curl.append(" -H \"").append(name).append(": Bearer $TOKEN\"");
            } else {
                curl.append(" -H ").append(quoted(name + ": " + value));
            }
        });
        if (request.getBody() != null) {
            curl.append(" --data-raw ").append(quoted(bodyText(request.getBody())));
        }
        return curl.toString();
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static String responseBody(Response response) {
        String type = String.valueOf(response.getContentType()).toLowerCase(Locale.ROOT);
        byte[] bytes = response.asByteArray();
        if (type.contains("json") || type.startsWith("text/") && !type.startsWith("text/csv")) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            return Masking.text(shortened(type.contains("json") ? pretty(text, type) : text));
        }
        return bytes.length == 0 ? "" : "<" + bytes.length + " bytes of " + type + ">";
    }

    private static String bodyText(Object body) {
        return body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(body);
    }

    /** Pretty-printed JSON when it parses and is small; anything else (probes' broken bodies) as sent. */
    private static String pretty(String text, String contentType) {
        String trimmed = text.stripLeading();
        if (text.length() > MAX_TEXT_BODY || trimmed.isEmpty() || (trimmed.charAt(0) != '{' && trimmed.charAt(0) != '[')
                || contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return text;
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(text));
        } catch (Exception e) { // not JSON after all: shown as sent
            return text;
        }
    }

    private static String describe(MultiPartSpecification part) {
        Object content = part.getContent();
        String what = content instanceof byte[] b ? b.length + " bytes"
                : content instanceof File f ? f.length() + " bytes from " + f.getName()
                : content == null ? "no content"
                : "'" + Masking.field(part.getControlName(), shortened(String.valueOf(content))) + "'";
        return "part '" + part.getControlName() + "'" + (part.getFileName() == null ? "" : " filename=" + part.getFileName())
                + " type=" + part.getMimeType() + " (" + what + ")";
    }

    private static String pathAndQuery(String uri) {
        int scheme = uri.indexOf("://");
        int path = scheme < 0 ? 0 : uri.indexOf('/', scheme + 3);
        return path < 0 ? "/" : uri.substring(path);
    }

    private static String shortened(String text) {
        return text.length() <= MAX_TEXT_BODY ? text
                : text.substring(0, MAX_TEXT_BODY) + "\n... (" + (text.length() - MAX_TEXT_BODY) + " more characters)";
    }
}
