package io.mtapi.harness.report;

import io.mtapi.harness.checks.ContractOperations;
import io.mtapi.harness.fixtures.ContractGap;
import io.mtapi.harness.suites.Covers;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import org.junit.jupiter.api.DisplayName;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contract beside each test, derived from what the suites already declare: the suite tag gives
 * the epic and why the suite matters, {@code @Covers} gives the CONTRACT.md sections, the operations
 * of {@code contract/openapi.yaml} and the OWASP categories (as tags and links), {@code @ContractGap}
 * its reason, {@code @DisplayName} the claim. No test carries a hand-written description.
 *
 * <p>Links: a section links to CONTRACT.md ({@code HARNESS_CONTRACT_URL} or {@code -Dharness.contractUrl},
 * else the first CONTRACT.md found in the project or beside it, as a file); an operation links to its
 * line of {@code openapi.yaml} (on GitHub when the run has {@code GITHUB_SERVER_URL},
 * {@code GITHUB_REPOSITORY} and {@code GITHUB_SHA}, else the project's file).
 */
public record ContractContext(String epic, String feature, List<Label> labels, List<Link> links, String description) {

    /** The suites: tag, epic title, and why a reviewer cares. */
    private static final Map<String, String[]> SUITES = new LinkedHashMap<>();
    /** OWASP API Security Top 10 (2023): category, name, and the harm. */
    private static final Map<String, String[]> OWASP = new LinkedHashMap<>();

    static {
        suite("tenant_isolation", "Tenant isolation", "One tenant must never read, change or even detect another "
                + "tenant's data: the API's first promise to every customer.");
        suite("auth", "Authentication", "Every other guarantee rests on who the caller is: a token accepted when it "
                + "should not be opens the whole API.");
        suite("users", "Users", "User management is the core of the API; a wrong answer here corrupts accounts or "
                + "leaks them.");
        suite("files", "Files", "Files are customer data: they must come back byte for byte, stay in their tenant "
                + "and never be rendered by a browser as a page.");
        suite("pagination", "Pagination", "Clients walk listings page by page; wrong metadata loses or repeats "
                + "items, an unbounded page lets one call exhaust the server.");
        suite("rate_limit", "Rate limiting", "The rate limit protects the service for everyone; counted wrong, it "
                + "either locks out honest clients or stops nobody.");
        suite("rbac", "Roles", "A member must not do what only an admin may: function-level authorization.");
        suite("security", "Security (OWASP API Top 10)", "An attacker probes what the feature suites take for "
                + "granted.");
        suite("concurrency", "Concurrency", "Real clients send at the same time: uniqueness, all-or-nothing and "
                + "updates must hold under races.");
        suite("robustness", "Robustness", "No input may break the target: a 5xx is a crash an attacker can "
                + "trigger at will.");
        owasp("API1", "Broken Object Level Authorization", "an id that reaches another tenant's object is the most "
                + "common and most damaging API flaw");
        owasp("API2", "Broken Authentication", "weak token or credential handling lets an attacker act as someone else");
        owasp("API3", "Broken Object Property Level Authorization", "fields a caller should neither see nor set "
                + "(password hashes, tenant_id, role) leak or get written");
        owasp("API4", "Unrestricted Resource Consumption", "unbounded sizes, pages or call rates let one client "
                + "exhaust the service for all");
        owasp("API5", "Broken Function Level Authorization", "admin functions reached by ordinary users");
        owasp("API6", "Unrestricted Access to Sensitive Business Flows", "a flow such as sign-up automated at "
                + "scale harms the business");
        owasp("API7", "Server Side Request Forgery", "the server fetches what an attacker points it at");
        owasp("API8", "Security Misconfiguration", "debug output, permissive CORS or missing headers hand "
                + "attackers what they need");
        owasp("API9", "Improper Inventory Management", "undocumented or forgotten endpoints escape every review");
        owasp("API10", "Unsafe Consumption of APIs", "trusting a third party's answers too much");
    }

    private static final Pattern SECTION = Pattern.compile("^§(\\d+a?)\\s*(.*)$");
    private static final Pattern OWASP_REF = Pattern.compile("\\b(API\\d{1,2}):2023\\b");
    private static final Pattern CALL = Pattern.compile("\\b(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\\s+(/\\S*)");
    private static final Pattern HEADING = Pattern.compile("^##\\s+(\\d+a?)\\.\\s+(.*)$");

    private static final Map<String, String[]> SECTIONS = sections();
    private static final Map<String, Integer> OPERATION_LINES = operationLines();

    private static void suite(String tag, String title, String why) {
        SUITES.put(tag, new String[] {title, why});
    }

    private static void owasp(String id, String name, String harm) {
        OWASP.put(id, new String[] {name, harm});
    }

    /** The suite tags, as run with {@code -Dgroups}. */
    public static Set<String> suiteTags() {
        return SUITES.keySet();
    }

    /** The epic of a suite tag: its title ("Tenant isolation"). */
    public static Optional<String> epicOf(String tag) {
        return Optional.ofNullable(SUITES.get(tag)).map(s -> s[0]);
    }

    /**
     * The context of one test method.
     *
     * @param tags the test's JUnit tags (its class's included)
     */
    public static ContractContext of(Class<?> testClass, Method method, Set<String> tags, String displayName) {
        Optional<String> suite = tags.stream().filter(SUITES::containsKey).findFirst();
        String epic = suite.map(t -> SUITES.get(t)[0]).orElse("Harness");
        String feature = Optional.ofNullable(testClass.getAnnotation(DisplayName.class)).map(DisplayName::value)
                .orElse(testClass.getSimpleName());
        List<String> covers = new ArrayList<>();
        Optional.ofNullable(testClass.getAnnotation(Covers.class)).ifPresent(c -> covers.addAll(List.of(c.value())));
        if (method != null) {
            Optional.ofNullable(method.getAnnotation(Covers.class)).ifPresent(c -> covers.addAll(List.of(c.value())));
        }
        List<Label> labels = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        List<String> contractLines = new ArrayList<>();
        Set<String> owaspSeen = new LinkedHashSet<>();
        Set<String> sectionsSeen = new LinkedHashSet<>();
        Set<String> operationsSeen = new LinkedHashSet<>();
        for (String cover : covers) {
            Matcher owaspRef = OWASP_REF.matcher(cover);
            if (cover.startsWith("OWASP") && owaspRef.find()) {
                owaspSeen.add(owaspRef.group(1));
                continue;
            }
            Matcher section = SECTION.matcher(cover);
            if (section.matches()) {
                String number = section.group(1);
                if (sectionsSeen.add(number)) {
                    labels.add(label("tag", "CONTRACT.md §" + number));
                    labels.add(label("contract_section", "§" + number));
                    sectionLink(number).ifPresent(links::add);
                }
                contractLines.add("§" + number + sectionTitle(number).map(t -> " (" + t + ")").orElse("") + ": "
                        + section.group(2));
                Matcher call = CALL.matcher(section.group(2));
                if (call.find()) {
                    ContractOperations.match(call.group(1), call.group(2).replaceAll("\\{[^}]*}", "x"))
                            .filter(op -> operationsSeen.add(op.operationId()))
                            .ifPresent(op -> {
                                labels.add(label("openapi_operation", op.operationId()));
                                links.add(new Link().setName("openapi.yaml: " + op.operationId() + " (" + op.method() + " "
                                        + op.pathTemplate() + ")").setUrl(openApiUrl(op.operationId())).setType("link"));
                            });
                }
            }
        }
        List<String> why = new ArrayList<>();
        suite.ifPresent(t -> why.add(SUITES.get(t)[1]));
        for (String id : owaspSeen) {
            String[] category = OWASP.get(id);
            labels.add(label("tag", "OWASP " + id + ":2023"));
            if (category != null) {
                why.add("OWASP " + id + ":2023 " + category[0] + ": " + category[1] + ".");
                links.add(new Link().setName("OWASP " + id + ":2023 " + category[0]).setType("link")
                        .setUrl("https://owasp.org/API-Security/editions/2023/en/0xa" + id.substring(3) + "-"
                                + category[0].toLowerCase(Locale.ROOT).replace(' ', '-') + "/"));
            }
        }
        StringBuilder description = new StringBuilder("**Claim.** ").append(displayName.strip())
                .append(displayName.strip().endsWith(".") ? "" : ".").append("\n\n");
        if (!why.isEmpty()) {
            description.append("**Why it matters.** ").append(String.join(" ", why)).append("\n\n");
        }
        if (!contractLines.isEmpty()) {
            description.append("**Contract.** ").append(String.join("; ", contractLines)).append(".\n\n");
        }
        ContractGap gap = method == null ? null : method.getAnnotation(ContractGap.class);
        if (gap == null) {
            gap = testClass.getAnnotation(ContractGap.class);
        }
        if (gap != null) {
            description.append("**Contract gap '").append(gap.value()).append("'.** CONTRACT.md does not settle this: ")
                    .append(gap.reason()).append(". A failure is a finding, not a violation; switch the check off per "
                            + "environment with `gaps.").append(gap.value()).append(" = false`.\n\n");
        }
        return new ContractContext(epic, feature, labels, links, description.toString().strip());
    }

    private static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }

    private static Optional<String> sectionTitle(String number) {
        return Optional.ofNullable(SECTIONS.get(number)).map(s -> s[0].replaceAll("\\s*\\(.*$", ""));
    }

    private static Optional<Link> sectionLink(String number) {
        Optional<String> base = contractUrl();
        if (base.isEmpty()) {
            return Optional.empty();
        }
        String[] section = SECTIONS.get(number);
        String anchor = section == null ? "" : "#" + slug(number + ". " + section[0]);
        return Optional.of(new Link().setName("CONTRACT.md §" + number + sectionTitle(number).map(t -> " " + t).orElse(""))
                .setUrl(base.get() + anchor).setType("link"));
    }

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens. */
    private static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    private static Optional<String> contractUrl() {
        String configured = Optional.ofNullable(System.getProperty("harness.contractUrl"))
                .orElse(System.getenv("HARNESS_CONTRACT_URL"));
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured);
        }
        return contractFile().map(p -> p.toUri().toString());
    }

    /** The first CONTRACT.md in the project, beside it, or in a shared/ folder above it. */
    private static Optional<Path> contractFile() {
        Path dir = projectDir().toAbsolutePath().normalize();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("CONTRACT.md"), dir.resolve("shared").resolve("CONTRACT.md"))) {
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static Path projectDir() {
        return Path.of(System.getProperty("harness.projectDir", "."));
    }

    private static String openApiUrl(String operationId) {
        String file = "src/test/resources/contract/openapi.yaml";
        String line = Optional.ofNullable(OPERATION_LINES.get(operationId)).map(n -> "#L" + n).orElse("");
        String server = System.getenv("GITHUB_SERVER_URL");
        String repository = System.getenv("GITHUB_REPOSITORY");
        String sha = System.getenv("GITHUB_SHA");
        if (server != null && repository != null && sha != null) {
            return server + "/" + repository + "/blob/" + sha + "/" + file + line;
        }
        return projectDir().toAbsolutePath().normalize().resolve(file).toUri() + line;
    }

    /** CONTRACT.md's numbered sections: number to {title}. */
    private static Map<String, String[]> sections() {
        Map<String, String[]> sections = new LinkedHashMap<>();
        Optional<Path> file = contractFile();
        if (file.isPresent()) {
            try {
                for (String line : Files.readAllLines(file.get(), StandardCharsets.UTF_8)) {
                    Matcher heading = HEADING.matcher(line.strip());
                    if (heading.matches()) {
                        sections.put(heading.group(1), new String[] {heading.group(2).strip()});
                    }
                }
            } catch (IOException e) {
                return sections; // links then go without titles
            }
        }
        return sections;
    }

    /** The line of each operationId in openapi.yaml, for links that land on the operation. */
    private static Map<String, Integer> operationLines() {
        Map<String, Integer> lines = new LinkedHashMap<>();
        try (InputStream in = ContractContext.class.getResourceAsStream("/contract/openapi.yaml")) {
            if (in == null) {
                return lines;
            }
            String[] text = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < text.length; i++) {
                String line = text[i].strip();
                if (line.startsWith("operationId:")) {
                    // The operation begins at its method line, just above.
                    lines.put(line.substring("operationId:".length()).strip(), Math.max(1, i));
                }
            }
        } catch (IOException e) {
            return lines;
        }
        return lines;
    }
}
