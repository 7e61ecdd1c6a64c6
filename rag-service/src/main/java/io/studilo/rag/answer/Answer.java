package io.studilo.rag.answer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a question. Each sentence of a grounded answer ends with its marker {@code [n]}, the n-th entry
 * (from 1) of {@code citations}. A refusal has no citations and may list the nearest passages as {@code related}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Answer(
        String answer,
        boolean grounded,
        List<Citation> citations,
        @Nullable List<Citation> related) {

    public static Answer grounded(String answer, List<Citation> citations) {
        return new Answer(answer, true, citations, null);
    }

    public static Answer refused(String answer, List<Citation> related) {
        return new Answer(answer, false, List.of(), related);
    }
}
