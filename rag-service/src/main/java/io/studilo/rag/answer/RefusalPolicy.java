package io.studilo.rag.answer;

import io.studilo.rag.RagProperties;
import io.studilo.rag.retrieval.Retriever.Evidence;

/**
 * Decides whether the evidence supports an answer. One similarity score cannot tell "the notes talk about this
 * topic" from "the notes answer this question", so the rule looks at three things: how much of the question's
 * content the best evidence chain covers, how close the best first-hop passage is to the question, and how close
 * the chain as a whole is. A chain that is very close to the question (a paraphrase) is accepted even when its
 * words differ.
 */
public final class RefusalPolicy {

    private final RagProperties.Refusal props;

    public RefusalPolicy(RagProperties.Refusal props) {
        this.props = props;
    }

    public boolean supports(Evidence evidence) {
        if (evidence.isEmpty()) {
            return false;
        }
        if (evidence.chainSimilarity() >= props.strongSimilarity()) {
            return true;
        }
        return evidence.chainCoverage() >= props.minCoverage()
                && evidence.seedSimilarity() >= props.minSeedSimilarity()
                && evidence.chainSimilarity() >= props.minChainSimilarity();
    }
}
