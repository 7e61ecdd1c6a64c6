package io.studilo.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Uploads that are refused, and documents that cannot be read: each ends clearly, and the service stays up. */
class BadInputIT extends IngestionItSupport {

    private static final String PROBLEMS = "https://studilo.io/problems/";

    @Autowired
    JdbcClient jdbc;

    @Test
    void contentThatIsNoSupportedTypeIsRefusedWith415WhateverItsName() {
        UUID user = UUID.randomUUID();
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};
        byte[] binaryText = "hello\0world".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "caf\u00e9 cr\u00e8me".getBytes(StandardCharsets.ISO_8859_1);
        for (byte[] content : List.of(zip, binaryText, latin1, new byte[0])) {
            HttpResponse<String> response = upload(user, "notes.pdf", content, null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
            assertThat(json(response).get("type").asString()).isEqualTo(PROBLEMS + "unsupported-media-type");
        }
    }

    @Test
    void oversizedUploadIsAProblem413() {
        byte[] big = new byte[5 * 1024 * 1024 + 10];
        new Random(1).nextBytes(big);
        big[0] = '%';
        HttpResponse<String> ours = upload(UUID.randomUUID(), "big.pdf", big, null);
        assertThat(ours.statusCode()).isEqualTo(413);
        assertThat(json(ours).get("type").asString()).isEqualTo(PROBLEMS + "payload-too-large");

        byte[] huge = new byte[7 * 1024 * 1024];
        HttpResponse<String> container = upload(UUID.randomUUID(), "huge.pdf", huge, null);
        assertThat(container.statusCode()).isEqualTo(413);
        assertThat(json(container).get("type").asString()).isEqualTo(PROBLEMS + "payload-too-large");
    }

    @Test
    void pdfClaimingTooManyPagesIsRefusedWith422() {
        HttpResponse<String> response =
                upload(UUID.randomUUID(), "bomb.pdf", Fixtures.pageCountBomb(1_000_000_000L), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(json(response).get("type").asString()).isEqualTo(PROBLEMS + "too-many-pages");
    }

    @Test
    void aStudentAtTheLimitsIsToldToWaitOrToDeleteNotSilentlyQueued() {
        UUID user = UUID.randomUUID();
        byte[] notes = "# Notes\n\nplain words here".getBytes(StandardCharsets.UTF_8);
        // Rows only, no job: they stand for documents waiting for a worker (the limits in the ITs: 20 and 30).
        for (int i = 0; i < 20; i++) {
            insertDocument(user, "QUEUED");
        }
        HttpResponse<String> waiting = upload(user, "notes.md", notes, null);
        assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(429);
        assertThat(json(waiting).get("type").asString()).isEqualTo(PROBLEMS + "too-many-requests");
        assertThat(waiting.headers().firstValue("Retry-After")).hasValue("30");

        jdbc.sql("UPDATE documents SET status = 'READY' WHERE owner_id = :owner")
                .param("owner", user)
                .update();
        for (int i = 20; i < 30; i++) {
            insertDocument(user, "READY");
        }
        HttpResponse<String> full = upload(user, "notes.md", notes, null);
        assertThat(full.statusCode()).as(full.body()).isEqualTo(422);
        assertThat(json(full).get("type").asString()).isEqualTo(PROBLEMS + "too-many-documents");
        assertThat(json(full).get("detail").asString()).contains("30 documents");
        assertThat(upload(UUID.randomUUID(), "notes.md", notes, null).statusCode()) // others are not affected
                .isEqualTo(202);
    }

    private void insertDocument(UUID owner, String status) {
        jdbc.sql("""
                        INSERT INTO documents (id, owner_id, title, file_name, media_type, kind, size_bytes, sha256,
                            storage_key, status, created_at, updated_at)
                        VALUES (:id, :owner, 'notes', 'notes.md', 'text/markdown', 'MARKDOWN', 1, 'x', 'none', :status,
                            now(), now())
                        """)
                .param("id", UUID.randomUUID())
                .param("owner", owner)
                .param("status", status)
                .update();
    }

    @Test
    void pathTraversalInTheFileNameIsOnlyEverADisplayName() {
        UUID user = UUID.randomUUID();
        HttpResponse<String> response = upload(
                user,
                "../../etc/passwd\\..\\notes.md",
                "# Notes\n\nplain words here".getBytes(StandardCharsets.UTF_8),
                null);
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode document = json(response);
        assertThat(document.get("fileName").asString()).isEqualTo("notes.md").doesNotContain("/", "\\", "..");
        UUID id = UUID.fromString(document.get("id").asString());
        assertThat(jdbc.sql("SELECT storage_key FROM documents WHERE id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo(user + "/" + id);
        awaitFinal(user, id, Duration.ofSeconds(60));
    }

    /** Found by the robustness harness: a 400-character accented name was refused as "too large" (413). */
    @Test
    void aLongNonLatinFileNameIsAcceptedAndShortened() {
        UUID user = UUID.randomUUID();
        String name = "\u00e9\u30ce".repeat(200) + ".md";
        HttpResponse<String> response =
                upload(user, name, "# Notes\n\nplain words here".getBytes(StandardCharsets.UTF_8), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response).get("fileName").asString())
                .hasSizeLessThanOrEqualTo(200)
                .startsWith("\u00e9\u30ce");
        awaitFinal(user, UUID.fromString(json(response).get("id").asString()), Duration.ofSeconds(60));
    }

    @Test
    void zeroPagePdfFailsWithAReason() {
        UUID user = UUID.randomUUID();
        UUID id = uploaded(user, "empty.pdf", Fixtures.emptyPdf());
        JsonNode document = awaitFinal(user, id, Duration.ofSeconds(60));
        assertThat(document.get("status").asString()).isEqualTo("FAILED");
        assertThat(document.get("error").asString()).isEqualTo("The PDF has no pages.");
    }

    @Test
    void passwordProtectedPdfFailsSayingSo() throws IOException {
        UUID user = UUID.randomUUID();
        byte[] locked;
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(Fixtures.textPdf())) {
            var policy = new org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy(
                    "owner-secret", "user-secret", new org.apache.pdfbox.pdmodel.encryption.AccessPermission());
            policy.setEncryptionKeyLength(128);
            pdf.protect(policy);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            locked = out.toByteArray();
        }
        UUID id = uploaded(user, "locked.pdf", locked);
        JsonNode document = awaitFinal(user, id, Duration.ofSeconds(60));
        assertThat(document.get("status").asString()).isEqualTo("FAILED");
        assertThat(document.get("error").asString()).contains("password-protected PDF");
    }

    @Test
    void decompressionBombEndsWithinTheTimeLimit() throws IOException {
        UUID user = UUID.randomUUID();
        UUID id = uploaded(user, "bomb.pdf", decompressionBomb(200_000_000));
        JsonNode document = awaitFinal(user, id, Duration.ofSeconds(150));
        assertThat(document.get("status").asString()).isIn("READY", "FAILED");
        assertHealthy();
    }

    @Test
    void everyMalformedSampleIsRefusedOrEndsClearly() throws IOException {
        Path dir = Path.of(env("STUDILO_SHARED_DATA", "../../shared/data"), "malformed");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no shared sample data at " + dir);
        UUID user = UUID.randomUUID();
        List<String> outcomes = new ArrayList<>();
        List<UUID> accepted = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        for (Path file : files) {
            HttpResponse<String> response = upload(user, file.getFileName().toString(), Files.readAllBytes(file), null);
            assertThat(response.statusCode()).as(file + ": " + response.body()).isIn(202, 415, 422);
            if (response.statusCode() == 202) {
                accepted.add(UUID.fromString(json(response).get("id").asString()));
            } else {
                outcomes.add(file.getFileName() + " -> " + response.statusCode());
            }
        }
        for (UUID id : accepted) {
            JsonNode document = awaitFinal(user, id, Duration.ofSeconds(150));
            String status = document.get("status").asString();
            outcomes.add(document.get("fileName").asString() + " -> " + status
                    + (status.equals("FAILED") ? " (" + document.get("error").asString() + ")" : ""));
            if (status.equals("FAILED")) {
                assertThat(document.get("error").asString()).isNotBlank().doesNotContain("Exception");
            } else {
                assertThat(document.get("chunkCount").asInt())
                        .as(document.toString())
                        .isPositive();
            }
        }
        System.out.println("Malformed samples:\n  " + String.join("\n  ", outcomes));
        assertThat(jdbc.sql("SELECT count(*) FROM documents WHERE owner_id = :o AND status IN ('QUEUED','PROCESSING')")
                        .param("o", user)
                        .query(Long.class)
                        .single())
                .isZero();
        assertHealthy();
    }

    private void assertHealthy() {
        HttpResponse<String> health = send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/liveness"))
                        .GET()
                        .build());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    /** One page whose content stream inflates to {@code size} bytes of spaces (a few hundred KB on disk). */
    private static byte[] decompressionBomb(int size) throws IOException {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(9))) {
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int written = 0; written < size; written += spaces.length) {
                out.write(spaces);
            }
        }
        byte[] stream = deflated.toByteArray();
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        pdf.writeBytes("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"
        };
        for (int i = 0; i < objects.length; i++) {
            offsets.add(pdf.size());
            pdf.writeBytes(((i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n").getBytes(StandardCharsets.US_ASCII));
        }
        offsets.add(pdf.size());
        pdf.writeBytes(("4 0 obj\n<< /Length " + stream.length + " /Filter /FlateDecode >>\nstream\n")
                .getBytes(StandardCharsets.US_ASCII));
        pdf.writeBytes(stream);
        pdf.writeBytes("\nendstream\nendobj\n".getBytes(StandardCharsets.US_ASCII));
        int xref = pdf.size();
        StringBuilder table = new StringBuilder("xref\n0 5\n0000000000 65535 f \n");
        for (int offset : offsets) {
            table.append(String.format("%010d 00000 n \n", offset));
        }
        table.append("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        pdf.writeBytes(table.toString().getBytes(StandardCharsets.US_ASCII));
        return pdf.toByteArray();
    }
}
