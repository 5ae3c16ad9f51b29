package io.mtapi.harness.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Files for uploads, each real content of its type (a PNG that decodes as a PNG),
 * under a unique name.
 *
 * <pre>{@code
 * SampleFile png = SampleFiles.of("image/png");
 * SampleFile tooBig = SampleFiles.ofSize(config.maxFileBytes() + 1, "text/plain");
 * }</pre>
 */
public final class SampleFiles {

    private SampleFiles() {
    }

    /** A valid sample of one of the contract's allowed types. */
    public static SampleFile of(String contentType) {
        String name = "sample-" + RunId.unique();
        return switch (contentType) {
            case "image/png" -> SampleFile.inMemory(name + ".png", contentType, image("png"));
            case "image/jpeg" -> SampleFile.inMemory(name + ".jpg", contentType, image("jpeg"));
            case "image/gif" -> SampleFile.inMemory(name + ".gif", contentType, image("gif"));
            case "application/pdf" -> SampleFile.inMemory(name + ".pdf", contentType, pdf());
            case "text/plain" -> SampleFile.inMemory(name + ".txt", contentType,
                    Faker.get().lorem().paragraph(5).getBytes(StandardCharsets.UTF_8));
            case "text/csv" -> SampleFile.inMemory(name + ".csv", contentType, csv());
            default -> throw new IllegalArgumentException("no sample for " + contentType
                    + "; samples exist for image/png, image/jpeg, image/gif, application/pdf, text/plain, text/csv");
        };
    }

    /** A small text file. */
    public static SampleFile text() {
        return of("text/plain");
    }

    /** A text file of zero bytes. */
    public static SampleFile empty() {
        return SampleFile.inMemory("empty-" + RunId.unique() + ".txt", "text/plain", new byte[0]);
    }

    /** A Windows executable: a type no deployment should accept (415). */
    public static SampleFile disallowed() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        return SampleFile.inMemory("tool-" + RunId.unique() + ".exe", "application/x-msdownload", exe);
    }

    /** Large files by size: written and hashed once per run, then shared under fresh names (read-only). */
    private static final Map<Long, SampleFile> BY_SIZE = new ConcurrentHashMap<>();

    /**
     * A file of exactly {@code size} bytes, written to a temporary file without being
     * held in memory (a sparse file where the file system allows). Each call names it
     * anew; the bytes on disk, and their SHA-256, are made once per size and run.
     */
    public static SampleFile ofSize(long size, String contentType) {
        SampleFile file = BY_SIZE.computeIfAbsent(size, SampleFiles::written);
        return file.named("harness-" + RunId.unique() + ".bin").declaredAs(contentType);
    }

    private static SampleFile written(long size) {
        try {
            Path path = Files.createTempFile("harness-" + RunId.unique() + "-", ".bin");
            path.toFile().deleteOnExit();
            try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
                file.setLength(size);
            }
            return SampleFile.onDisk(path.getFileName().toString(), "application/octet-stream", path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a " + size + "-byte sample file", e);
        }
    }

    private static byte[] image(String format) {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("this JDK cannot write " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A one-page PDF with a text line: the smallest document readers accept, xref offsets computed. */
    private static byte[] pdf() {
        String text = Faker.get().lorem().sentence().replaceAll("[()\\\\]", "");
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R "
                    + "/Resources << /Font << /F1 5 0 R >> >> >>",
            null,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
        };
        String stream = "BT /F1 12 Tf 20 100 Td (" + text + ") Tj ET";
        objects[3] = "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream";
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] csv() {
        var faker = Faker.get();
        String rows = IntStream.range(0, 5)
                .mapToObj(i -> faker.name().firstName() + "," + faker.name().lastName() + "," + faker.number().numberBetween(18, 90))
                .collect(Collectors.joining("\n"));
        return ("first_name,last_name,age\n" + rows + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
