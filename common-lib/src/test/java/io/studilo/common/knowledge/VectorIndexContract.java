package io.studilo.common.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link VectorIndex} adapter must have. Each case uses fresh random owners, so an adapter
 * may share one index between cases. Embeddings come from the real default model.
 */
public abstract class VectorIndexContract {

    private static final List<String> NOTES = List.of(
            "Photosynthesis converts light energy into chemical energy stored in glucose inside chloroplasts.",
            "The French Revolution began in 1789 with the storming of the Bastille in Paris.",
            "Newton's second law states that force equals mass times acceleration.",
            "Mitochondria produce most of the cell's supply of ATP through cellular respiration.",
            "A binary search tree keeps keys in sorted order so lookups take logarithmic time.",
            "The Krebs cycle is also known as the citric acid cycle.",
            "Igneous rocks form when magma or lava cools and solidifies.",
            "The zorbulite coefficient measures how quickly the test rig's bearings wear out.");

    /** The adapter under test; may be the same instance for every case. */
    protected abstract VectorIndex index();

    @Test
    void findsAChunkByMeaningWithoutSharedWords() {
        UUID owner = UUID.randomUUID();
        UUID document = UUID.randomUUID();
        upsert(owner, document, UUID.randomUUID(), 0, NOTES);

        List<ScoredChunk> hits = search(owner, "green plants turning sunlight into sugar", Set.of(), 3);

        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).chunk().text()).startsWith("Photosynthesis");
        assertThat(hits.get(0).denseScore()).isGreaterThan(0.3);
    }

    @Test
    void findsAChunkByARareKeyword() {
        UUID owner = UUID.randomUUID();
        upsert(owner, UUID.randomUUID(), UUID.randomUUID(), 0, NOTES);

        List<ScoredChunk> hits = search(owner, "zorbulite", Set.of(), 3);

        assertThat(hits.get(0).chunk().text()).contains("zorbulite");
        assertThat(hits.get(0).lexicalScore()).isPositive();
    }

    @Test
    void denseOnlyAndLexicalOnlyRetrievalRankByTheirOwnRetriever() {
        UUID owner = UUID.randomUUID();
        upsert(owner, UUID.randomUUID(), UUID.randomUUID(), 0, NOTES);
        SearchQuery query = SearchQuery.of(owner, "citric acid cycle", TestEmbeddings.embed("citric acid cycle"), 3);

        List<ScoredChunk> dense = index().search(query, Retrieval.denseOnly(10));
        List<ScoredChunk> lexical = index().search(query, Retrieval.lexicalOnly(10));

        assertThat(dense)
                .hasSize(3)
                .allSatisfy(hit -> assertThat(hit.lexicalScore()).isZero());
        assertThat(lexical)
                .isNotEmpty()
                .allSatisfy(hit -> assertThat(hit.lexicalScore()).isPositive());
        assertThat(lexical.get(0).chunk().text()).contains("Krebs");
    }

    @Test
    void reportsTheCosineOfEveryHitEvenWhenOnlyTheLexicalRetrieverFoundIt() {
        UUID owner = UUID.randomUUID();
        upsert(owner, UUID.randomUUID(), UUID.randomUUID(), 0, NOTES);
        float[] vector = TestEmbeddings.embed("zorbulite");
        SearchQuery query = SearchQuery.of(owner, "zorbulite", vector, 3);

        ScoredChunk viaLexicalOnly =
                index().search(query, Retrieval.lexicalOnly(5)).get(0);
        ScoredChunk viaDenseOnly = index().search(query, Retrieval.denseOnly(NOTES.size())).stream()
                .filter(hit -> hit.chunk().text().contains("zorbulite"))
                .findFirst()
                .orElseThrow();

        assertThat(viaLexicalOnly.chunk().text()).contains("zorbulite");
        assertThat(viaLexicalOnly.denseScore()).isNotZero().isCloseTo(viaDenseOnly.denseScore(), within(1e-4));
        assertThat(viaDenseOnly.lexicalScore()).isZero();
    }

    @Test
    void returnsEachHitsStoredVectorWhicheverRetrieverFoundIt() {
        UUID owner = UUID.randomUUID();
        List<Chunk> chunks = chunks(owner, UUID.randomUUID(), UUID.randomUUID(), 0, NOTES);
        List<float[]> vectors = TestEmbeddings.embedAll(NOTES);
        index().upsert(chunks, vectors);
        Map<String, float[]> storedById = new HashMap<>();
        for (int i = 0; i < chunks.size(); i++) {
            storedById.put(chunks.get(i).id(), vectors.get(i));
        }
        String text = "zorbulite bearings and the citric acid cycle";
        SearchQuery query = SearchQuery.of(owner, text, TestEmbeddings.embed(text), NOTES.size());

        List<ScoredChunk> hits = new ArrayList<>(index().search(query));
        hits.addAll(index().search(query, Retrieval.denseOnly(NOTES.size())));
        hits.addAll(index().search(query, Retrieval.lexicalOnly(NOTES.size())));

        assertThat(hits).hasSizeGreaterThan(NOTES.size());
        assertThat(hits)
                .allSatisfy(hit -> assertThat(hit.vector())
                        .containsExactly(storedById.get(hit.chunk().id()), within(1e-6f)));
    }

    @Test
    void neverReturnsAnotherOwnersChunksEvenForIdenticalText() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID aliceDoc = UUID.randomUUID();
        UUID bobDoc = UUID.randomUUID();
        upsert(alice, aliceDoc, UUID.randomUUID(), 0, NOTES);
        upsert(bob, bobDoc, UUID.randomUUID(), 0, NOTES);

        List<ScoredChunk> aliceHits = search(alice, "zorbulite coefficient bearings", Set.of(), 20);
        List<ScoredChunk> bobHits = search(bob, "zorbulite coefficient bearings", Set.of(), 20);

        assertThat(aliceHits)
                .isNotEmpty()
                .allSatisfy(hit -> assertThat(hit.chunk().ownerId()).isEqualTo(alice));
        assertThat(bobHits)
                .isNotEmpty()
                .allSatisfy(hit -> assertThat(hit.chunk().ownerId()).isEqualTo(bob));
        assertThat(index().chunks(bob, aliceDoc, null)).isEmpty();
        assertThat(search(bob, "zorbulite", Set.of(aliceDoc), 5)).isEmpty();

        index().deleteDocument(bob, aliceDoc); // bob cannot delete alice's document
        assertThat(index().count(alice)).isEqualTo(NOTES.size());
    }

    @Test
    void restrictsResultsToTheRequestedDocuments() {
        UUID owner = UUID.randomUUID();
        UUID biology = UUID.randomUUID();
        UUID history = UUID.randomUUID();
        UUID physics = UUID.randomUUID();
        upsert(owner, biology, UUID.randomUUID(), 0, List.of(NOTES.get(0), NOTES.get(3), NOTES.get(5)));
        upsert(owner, history, UUID.randomUUID(), 0, List.of(NOTES.get(1)));
        upsert(owner, physics, UUID.randomUUID(), 0, List.of(NOTES.get(2)));

        List<ScoredChunk> hits = search(owner, "cells energy revolution force", Set.of(history, physics), 10);

        assertThat(hits)
                .extracting(hit -> hit.chunk().documentId())
                .containsOnly(history, physics)
                .hasSize(2);
    }

    @Test
    void upsertingTheSameIdTwiceKeepsOneChunkWithTheNewText() {
        UUID owner = UUID.randomUUID();
        UUID document = UUID.randomUUID();
        UUID section = UUID.randomUUID();
        upsert(owner, document, section, 0, List.of("The first draft about volcanoes."));
        upsert(owner, document, section, 0, List.of("The revised text about glaciers."));

        assertThat(index().count(owner)).isEqualTo(1);
        assertThat(index().chunks(owner, document, null))
                .singleElement()
                .satisfies(chunk -> assertThat(chunk.text()).isEqualTo("The revised text about glaciers."));
        assertThat(search(owner, "glaciers", Set.of(), 5)).hasSize(1);
    }

    @Test
    void aHitReturnedBeforeItsChunkWasReplacedComesBackWithTheNewText() {
        UUID owner = UUID.randomUUID();
        UUID document = UUID.randomUUID();
        UUID section = UUID.randomUUID();
        upsert(owner, document, section, 0, List.of("Glaciers carve U-shaped valleys as they move."));
        assertThat(search(owner, "glaciers valleys", Set.of(), 5)).hasSize(1);

        upsert(owner, document, section, 0, List.of("Glaciers deposit moraines of unsorted rock where they melt."));

        assertThat(search(owner, "glaciers valleys", Set.of(), 5))
                .singleElement()
                .satisfies(hit -> assertThat(hit.chunk().text()).contains("moraines"));
    }

    @Test
    void listsADocumentsChunksInOrderWithTheirPayload() {
        UUID owner = UUID.randomUUID();
        UUID document = UUID.randomUUID();
        UUID intro = UUID.randomUUID();
        UUID body = UUID.randomUUID();
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 11; i >= 0; i--) { // inserted in reverse to prove the order comes from chunkIndex
            UUID section = i < 4 ? intro : body;
            chunks.add(new Chunk(
                    Chunk.idOf(document, i),
                    owner,
                    document,
                    "Rocket notes",
                    section,
                    i < 4 ? "Intro" : "Body",
                    i / 3 + 1,
                    (i + 1) / 3 + 1,
                    i,
                    "Passage number " + i + " about rockets."));
        }
        index().upsert(
                        chunks,
                        TestEmbeddings.embedAll(chunks.stream().map(Chunk::text).toList()));

        List<Chunk> all = index().chunks(owner, document, null);
        List<Chunk> bodyOnly = index().chunks(owner, document, body);

        assertThat(all).extracting(Chunk::chunkIndex).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(bodyOnly).extracting(Chunk::chunkIndex).containsExactly(4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(all.get(2))
                .isEqualTo(new Chunk(
                        Chunk.idOf(document, 2),
                        owner,
                        document,
                        "Rocket notes",
                        intro,
                        "Intro",
                        1,
                        2,
                        2,
                        "Passage number 2 about rockets."));
    }

    @Test
    void deletingADocumentRemovesAllItsChunksAndIsIdempotent() {
        UUID owner = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        upsert(owner, kept, UUID.randomUUID(), 0, NOTES.subList(0, 3));
        upsert(owner, deleted, UUID.randomUUID(), 0, NOTES.subList(3, 8));

        index().deleteDocument(owner, deleted);
        index().deleteDocument(owner, deleted);

        assertThat(index().chunks(owner, deleted, null)).isEmpty();
        assertThat(index().count(owner)).isEqualTo(3);
        assertThat(search(owner, "zorbulite mitochondria krebs igneous", Set.of(), 10))
                .extracting(hit -> hit.chunk().documentId())
                .containsOnly(kept);
    }

    @Test
    void countsOnlyTheOwnersChunks() {
        UUID owner = UUID.randomUUID();
        assertThat(index().count(owner)).isZero();
        assertThat(search(owner, "anything at all", Set.of(), 5)).isEmpty();

        upsert(owner, UUID.randomUUID(), UUID.randomUUID(), 0, NOTES.subList(0, 5));
        upsert(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 0, NOTES.subList(0, 2));

        assertThat(index().count(owner)).isEqualTo(5);
    }

    @Test
    void ranksByReciprocalRankFusionAndHonoursTheLimit() {
        UUID owner = UUID.randomUUID();
        upsert(owner, UUID.randomUUID(), UUID.randomUUID(), 0, NOTES);

        List<ScoredChunk> hits = search(owner, "energy in cells: ATP and glucose", Set.of(), 4);

        assertThat(hits).hasSize(4);
        assertThat(hits).extracting(ScoredChunk::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        Retrieval fusion = Retrieval.DEFAULT;
        double bestPossible = (fusion.denseWeight() + fusion.lexicalWeight()) / (fusion.rrfK() + 1);
        assertThat(hits.get(0).score()).isPositive().isLessThanOrEqualTo(bestPossible + 1e-9);
    }

    protected List<ScoredChunk> search(UUID owner, String text, Set<UUID> documents, int limit) {
        return index().search(new SearchQuery(owner, text, TestEmbeddings.embed(text), documents, limit));
    }

    protected List<Chunk> upsert(UUID owner, UUID document, UUID section, int firstIndex, List<String> texts) {
        List<Chunk> chunks = chunks(owner, document, section, firstIndex, texts);
        index().upsert(chunks, TestEmbeddings.embedAll(texts));
        return chunks;
    }

    private static List<Chunk> chunks(UUID owner, UUID document, UUID section, int firstIndex, List<String> texts) {
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            int index = firstIndex + i;
            chunks.add(new Chunk(
                    Chunk.idOf(document, index),
                    owner,
                    document,
                    "Notes",
                    section,
                    "Section",
                    1,
                    1,
                    index,
                    texts.get(i)));
        }
        return chunks;
    }
}
