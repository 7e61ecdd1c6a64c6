package io.studilo.rag.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.rag.RagProperties;
import io.studilo.rag.retrieval.ContentTerms;
import io.studilo.rag.retrieval.InMemoryVectorIndex;
import io.studilo.rag.retrieval.Retriever;
import io.studilo.rag.retrieval.Retriever.Evidence;
import io.studilo.rag.retrieval.Retriever.Passage;
import io.studilo.rag.retrieval.TestKnowledge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The refusal rule: the question's distinctive content must be in a few connected sentences of the evidence. End to end over
 * real notes (MiniLM embeddings, the in-memory hybrid index, the real retriever), then the rule's parts on
 * hand-built evidence.
 */
class RefusalPolicyTest {

    static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();
    static final UUID OWNER = UUID.randomUUID();
    static final RagProperties PROPS =
            new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("studilo.rag", RagProperties.class);
    static Retriever retriever;

    @BeforeAll
    static void notes() {
        List<String> facts = List.of(
                "Reptile parents provide little if any care to their young.",
                "Crocodilian mothers provide the most parental care compared to any other reptiles.",
                "Iguanas are good reptiles for experienced reptile caretakers.",
                "Vertebrates are animals with backbones.",
                "Lightning is a major cause of forest fires.",
                "Mammals feed their young with milk.",
                "Birds keep their eggs warm by sitting on them.",
                "Fish lay many eggs and most leave them unguarded.");
        InMemoryVectorIndex index = new InMemoryVectorIndex();
        UUID doc = UUID.randomUUID();
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            chunks.add(new Chunk(
                    Chunk.idOf(doc, i), OWNER, doc, "Zoology", UUID.randomUUID(), "Fact " + i, 1, 1, i, facts.get(i)));
        }
        index.upsert(chunks, Embeddings.embedAll(MODEL, facts));
        retriever = new Retriever(TestKnowledge.over(index, MODEL), PROPS.retrieval());
    }

    boolean supported(String question) {
        return new RefusalPolicy(PROPS.refusal()).supports(retriever.retrieve(OWNER, question, Set.of(), 8));
    }

    @Test
    void answersWhenTheNotesCoverTheQuestion() {
        assertThat(supported("Which reptile mothers give the most parental care?"))
                .isTrue();
        assertThat(supported("What is a major cause of forest fires?")).isTrue();
    }

    @Test
    void refusesWhenTheQuestionsDistinctiveTermIsNowhereInTheNotes() {
        // Same topic and everyday words ("young", "care") as the notes, but the notes never mention axolotls.
        assertThat(supported("How do axolotls care for their young?")).isFalse();
        assertThat(supported("What do sponges filter from the water?")).isFalse();
    }

    @Test
    void aTermNoRetrievedPassageContainsWeighsMost() {
        Map<String, Double> weights = ContentTerms.distinctiveness(
                List.of("axolotl", "young", "care"),
                List.of(Set.of("young", "care", "reptil"), Set.of("young", "mammal"), Set.of("care", "crocodilian")));
        assertThat(weights.get("axolotl")).isGreaterThan(weights.get("young")).isGreaterThan(0);
        assertThat(ContentTerms.coverage(weights, Set.of("young", "care"))).isLessThan(0.5);
        assertThat(ContentTerms.coverage(weights, Set.of("axolotl"))).isGreaterThan(0.4);
    }

    @Test
    void coverageCountsTheBestSentencesNotAWholeLongPassage() {
        // A chain of three sentences, each sharing a term with the one before.
        Evidence evidence = evidence(
                "How do crocodiles keep warm in the desert?",
                "Crocodiles live near rivers. Rivers keep the banks warm. Warm banks are rare in the desert.");
        assertThat(RefusalPolicy.coverage(evidence, 3)).isCloseTo(1.0, within(1e-9));
        assertThat(RefusalPolicy.coverage(evidence, 2)).isCloseTo(0.75, within(1e-9));
        assertThat(RefusalPolicy.coverage(evidence, 1)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void sentencesCoverAQuestionTogetherOnlyWhenTheyShareATerm() {
        String question = "How do crocodiles keep warm in the desert?";
        // Each sentence names a part of the question, but none is about what another says.
        Evidence unrelated = evidence(
                question,
                "Crocodiles live near rivers. Some animals stay warm in burrows. The desert is dry and hot at day.");
        assertThat(RefusalPolicy.coverage(unrelated, 3)).isCloseTo(0.25, within(1e-9));
        assertThat(new RefusalPolicy(PROPS.refusal()).supports(unrelated)).isFalse();
        // The same question parts, linked by "burrows".
        Evidence linked =
                evidence(question, "Crocodiles dig burrows near rivers. Burrows keep animals warm in the desert.");
        assertThat(RefusalPolicy.coverage(linked, 1)).isCloseTo(0.75, within(1e-9));
        assertThat(RefusalPolicy.coverage(linked, 2)).isCloseTo(1.0, within(1e-9));
        assertThat(new RefusalPolicy(PROPS.refusal()).supports(linked)).isTrue();
    }

    @Test
    void aParaphraseCloseInEmbeddingSpaceIsAcceptedWhateverItsWords() {
        Evidence unrelatedWords = new Evidence(
                evidence("Why do leaves change colour?", "Chlorophyll breaks down in autumn.")
                        .passages(),
                ContentTerms.of("Why do leaves change colour?"),
                Map.of("leav", 1.0, "chang", 1.0, "colour", 1.0),
                evidence("Why do leaves change colour?", "Chlorophyll breaks down in autumn.")
                        .bestChain(),
                0,
                0.5,
                0.9);
        assertThat(new RefusalPolicy(PROPS.refusal()).supports(unrelatedWords)).isTrue();
        Evidence farAway = new Evidence(
                unrelatedWords.passages(),
                unrelatedWords.questionTerms(),
                unrelatedWords.termWeights(),
                unrelatedWords.bestChain(),
                0,
                0.5,
                0.3);
        assertThat(new RefusalPolicy(PROPS.refusal()).supports(farAway)).isFalse();
    }

    /** Evidence of one passage, every question term weighing the same. */
    static Evidence evidence(String question, String passageText) {
        UUID doc = UUID.randomUUID();
        Passage passage = new Passage(
                new Chunk(Chunk.idOf(doc, 0), OWNER, doc, "Notes", UUID.randomUUID(), "S", 1, 1, 0, passageText),
                1.0,
                ContentTerms.of(passageText));
        Set<String> terms = ContentTerms.of(question);
        return new Evidence(
                List.of(passage),
                terms,
                ContentTerms.distinctiveness(terms, List.of()),
                List.of(passage),
                ContentTerms.coverage(terms, passage.terms()),
                0.5,
                0.5);
    }
}
