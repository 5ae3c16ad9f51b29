package io.mtapi.harness.http;

import io.qameta.allure.Allure;
import io.qameta.allure.attachment.DefaultAttachmentProcessor;
import io.qameta.allure.attachment.FreemarkerAttachmentRenderer;
import io.qameta.allure.attachment.http.HttpRequestAttachment;
import io.qameta.allure.attachment.http.HttpResponseAttachment;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.http.Header;
import io.restassured.internal.support.Prettifier;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.restassured.specification.MultiPartSpecification;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Attaches every request and response to the Allure report like
 * {@code AllureRestAssured}, but masked: the Authorization header, passwords in
 * register/login bodies and tokens in responses never reach {@code allure-results/}.
 * Binary bodies (file downloads, uploads) are summarised, not dumped.
 */
public final class MaskedAllureFilter implements OrderedFilter {

    private static final int MAX_TEXT_BODY = 64 * 1024;

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        // Clean-up after a class runs outside any test or fixture: nothing to attach to.
        if (Allure.getLifecycle().getCurrentTestCaseOrStep().isEmpty()) {
            return context.next(request, responseSpec);
        }
        HttpRequestAttachment.Builder requestAttachment = HttpRequestAttachment.Builder
                .create(request.getMethod() + " " + Masking.text(request.getDerivedPath()), Masking.text(request.getURI()))
                .setMethod(request.getMethod())
                .setHeaders(headers(request.getHeaders()));
        if (request.getBody() != null) {
            requestAttachment.setBody(Masking.text(shortened(requestBody(request))));
        } else if (!request.getMultiPartParams().isEmpty()) {
            requestAttachment.setBody(request.getMultiPartParams().stream()
                    .map(MaskedAllureFilter::describe).collect(Collectors.joining("\n")));
        }
        new DefaultAttachmentProcessor().addAttachment(requestAttachment.build(),
                new FreemarkerAttachmentRenderer("http-request.ftl"));

        Response response = context.next(request, responseSpec);

        HttpResponseAttachment responseAttachment = HttpResponseAttachment.Builder
                .create(response.getStatusLine())
                .setResponseCode(response.getStatusCode())
                .setHeaders(headers(response.getHeaders()))
                .setBody(responseBody(response))
                .build();
        new DefaultAttachmentProcessor().addAttachment(responseAttachment,
                new FreemarkerAttachmentRenderer("http-response.ftl"));
        return response;
    }

    @Override
    public int getOrder() {
        return Integer.MAX_VALUE - 2;
    }

    private static Map<String, String> headers(Iterable<Header> headers) {
        Map<String, String> result = new LinkedHashMap<>();
        headers.forEach(h -> result.put(h.getName(), Masking.header(h.getName(), h.getValue())));
        return result;
    }

    private static String responseBody(Response response) {
        String type = String.valueOf(response.getContentType()).toLowerCase();
        byte[] bytes = response.asByteArray();
        if (type.contains("json") || type.startsWith("text/") && !type.startsWith("text/csv")) {
            String text = type.contains("json") ? new Prettifier().getPrettifiedBodyIfPossible(response, response.getBody())
                    : response.asString();
            return Masking.text(shortened(text));
        }
        return bytes.length == 0 ? "" : "<" + bytes.length + " bytes of " + type + ">";
    }

    /** Pretty-printed when small; a huge or deeply nested probe body is cut, not parsed. */
    private static String requestBody(FilterableRequestSpecification request) {
        Object body = request.getBody();
        String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(body);
        return text.length() > MAX_TEXT_BODY ? text : new Prettifier().getPrettifiedBodyIfPossible(request);
    }

    private static String describe(MultiPartSpecification part) {
        Object content = part.getContent();
        String size = content instanceof byte[] b ? b.length + " bytes"
                : content instanceof File f ? f.length() + " bytes from " + f.getName()
                : content == null ? "no content" : "text";
        return "part '" + part.getControlName() + "' filename=" + part.getFileName()
                + " type=" + part.getMimeType() + " (" + size + ")";
    }

    private static String shortened(String text) {
        return text.length() <= MAX_TEXT_BODY ? text
                : text.substring(0, MAX_TEXT_BODY) + "\n... (" + (text.length() - MAX_TEXT_BODY) + " more characters)";
    }
}
