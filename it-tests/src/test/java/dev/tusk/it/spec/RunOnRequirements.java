package dev.tusk.it.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * runOnRequirements as the target sees them. A list is met when any one requirement is; when
 * none is, the reason names what each asked for.
 */
final class RunOnRequirements {
    private RunOnRequirements() {}

    static Optional<String> unmet(List<BsonDocument> requirements, ServerFacts server) {
        if (requirements.isEmpty()) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        for (BsonDocument r : requirements) {
            Optional<String> why = unmet(r, server);
            if (why.isEmpty()) {
                return Optional.empty();
            }
            reasons.add(why.get());
        }
        return Optional.of("runOnRequirements not met: " + String.join(" or ", reasons));
    }

    private static Optional<String> unmet(BsonDocument r, ServerFacts server) {
        List<String> why = new ArrayList<>();
        for (String key : r.keySet()) {
            BsonValue v = r.get(key);
            switch (key) {
                case "minServerVersion" -> {
                    if (compareVersions(server.version(), str(v)) < 0) {
                        why.add("minServerVersion " + str(v));
                    }
                }
                case "maxServerVersion" -> {
                    if (compareVersions(server.version(), str(v)) > 0) {
                        why.add("maxServerVersion " + str(v));
                    }
                }
                case "topologies" -> {
                    List<String> ts = v.asArray().stream().map(RunOnRequirements::str).toList();
                    boolean ok = ts.contains(server.topology())
                            || server.topology().equals("sharded") && ts.contains("sharded-replicaset");
                    if (!ok) {
                        why.add("topologies " + ts);
                    }
                }
                case "serverless" -> {
                    if (str(v).equals("require")) {
                        why.add("serverless");
                    }
                }
                case "auth" -> {
                    if (v.asBoolean().getValue()) {
                        why.add("auth");
                    }
                }
                case "authMechanism" -> why.add("authMechanism " + str(v));
                case "csfle" -> {
                    if (v.isBoolean() ? v.asBoolean().getValue() : true) {
                        why.add("csfle");
                    }
                }
                case "serverParameters" -> {
                    for (var p : v.asDocument().entrySet()) {
                        BsonValue actual = server.parameter(p.getKey());
                        if (actual == null || !Matcher.sameValue(p.getValue(), actual)) {
                            why.add("serverParameter " + p.getKey() + "=" + Json.of(p.getValue()));
                        }
                    }
                }
                default -> why.add("unknown requirement " + key);
            }
        }
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", why));
    }

    /** Compares dotted versions numerically; missing components are 0 ("4.2" = "4.2.0"). */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(part(x, i), part(y, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int part(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[i]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String str(BsonValue v) {
        return v.asString().getValue();
    }
}
