package io.studilo.rag.answer;

import io.studilo.common.knowledge.Embeddings;
import io.studilo.rag.retrieval.ContentTerms;
import io.studilo.rag.retrieval.Knowledge;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Accepts a generated sentence only if the passage(s) it cites support it: the sentence must cite at least one
 * passage that is close in meaning (embedding cosine) and that contains most of the sentence's content terms.
 * A sentence that cites nothing, or cites a passage that does not say it, is dropped.
 */
public final class ClaimCheck {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,2})]");

    private final Knowledge knowledge;
    private final double minSimilarity;
    private final double minTermOverlap;

    public ClaimCheck(Knowledge knowledge, double minSimilarity, double minTermOverlap) {
        this.knowledge = knowledge;
        this.minSimilarity = minSimilarity;
        this.minTermOverlap = minTermOverlap;
    }

    /** A sentence of the model's answer without its markers, and the passage numbers (from 1) it cites. */
    public record Claim(String text, List<Integer> cited) {}

    public static List<Claim> claims(String answer) {
        List<Claim> claims = new ArrayList<>();
        for (String sentence : Sentences.split(answer)) {
            List<Integer> cited = new ArrayList<>();
            Matcher m = MARKER.matcher(sentence);
            while (m.find()) {
                cited.add(Integer.parseInt(m.group(1)));
            }
            String text = MARKER.matcher(sentence)
                    .replaceAll("")
                    .replaceAll("\\s+([.!?,;:])", "$1")
                    .trim();
            if (!text.isEmpty() && !text.matches("[\\p{Punct}\\s]*")) {
                claims.add(new Claim(text, cited));
            }
        }
        return claims;
    }

    /** The passage number (from 1) that supports the claim best, or -1 when none of the cited ones does. */
    public int supportingPassage(Claim claim, List<String> passages) {
        Set<String> terms = ContentTerms.of(claim.text());
        int best = -1;
        double bestSimilarity = -1;
        for (int n : claim.cited()) {
            if (n < 1 || n > passages.size()) {
                continue;
            }
            String passage = passages.get(n - 1);
            double overlap = ContentTerms.coverage(terms, ContentTerms.of(passage));
            if (overlap < minTermOverlap) {
                continue;
            }
            double similarity = Embeddings.cosine(knowledge.embed(claim.text()), knowledge.embed(passage));
            if (similarity >= minSimilarity && similarity > bestSimilarity) {
                best = n;
                bestSimilarity = similarity;
            }
        }
        return best;
    }
}
