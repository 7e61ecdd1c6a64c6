package io.studilo.exam.support;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.Embeddings;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A student's biology notes in three sections, chunked the way ingestion does (a few sentences per chunk). */
public final class SampleNotes {

    private static EmbeddingModel model;

    public static final List<String> CELLS = List.of(
            "The cell is the basic unit of life.",
            "A mitochondrion is an organelle that produces energy for the cell.",
            "The nucleus is the organelle that stores the genetic material of the cell.",
            "Ribosomes build proteins from amino acids.",
            "The cell membrane is a thin barrier that controls what enters and leaves the cell.",
            "Plant cells have a rigid cell wall made of cellulose.",
            "Chloroplasts capture light energy in plant cells.",
            "A human body contains about 37 trillion cells.",
            "The cytoplasm is the jelly that fills the cell around the organelles.",
            "Lysosomes break down waste inside the cell.");

    public static final List<String> PHOTOSYNTHESIS = List.of(
            "Photosynthesis is the process by which plants turn light into chemical energy.",
            "Chlorophyll is a green pigment that absorbs light in the chloroplasts.",
            "Leaves look green because chlorophyll reflects green light.",
            "Plants take in carbon dioxide through small pores called stomata.",
            "Glucose is the sugar that photosynthesis produces for the plant.",
            "Oxygen is released as a waste product of photosynthesis.",
            "The light reactions take place in the thylakoid membranes.",
            "The Calvin cycle fixes carbon dioxide into sugar in the stroma.",
            "Plants grow poorly in the dark because photosynthesis needs light.",
            "Water enters the roots and travels to the leaves through the xylem.");

    public static final List<String> GENETICS = List.of(
            "A gene is a segment of DNA that codes for a protein.",
            "Human cells contain 46 chromosomes arranged in 23 pairs.",
            "DNA is a double helix made of two complementary strands.",
            "An allele is a variant form of a gene.",
            "Mutations are changes in the sequence of DNA.",
            "Dominant alleles mask the effect of recessive alleles in a heterozygote.",
            "Meiosis produces gametes with half the number of chromosomes.",
            "Offspring resemble their parents because they inherit genes from them.",
            "The genotype is the set of alleles an organism carries.",
            "The phenotype is the observable trait that results from the genotype.");

    private SampleNotes() {}

    public static synchronized EmbeddingModel embeddingModel() {
        if (model == null) {
            model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        }
        return model;
    }

    /** The three sections as chunks of the given owner's document (chunks of five sentences, two per page). */
    public static List<Chunk> chunks(UUID owner, UUID document) {
        List<Chunk> chunks = new ArrayList<>();
        int index = 0;
        int page = 1;
        String[] titles = {"Cells and organelles", "Photosynthesis", "Genetics and inheritance"};
        List<List<String>> sections = List.of(CELLS, PHOTOSYNTHESIS, GENETICS);
        for (int s = 0; s < sections.size(); s++) {
            UUID section = UUID.nameUUIDFromBytes((document + "/" + s).getBytes());
            List<String> sentences = sections.get(s);
            for (int from = 0; from < sentences.size(); from += 5) {
                String text = String.join("\n", sentences.subList(from, Math.min(sentences.size(), from + 5)));
                chunks.add(new Chunk(
                        Chunk.idOf(document, index),
                        owner,
                        document,
                        "Biology notes",
                        section,
                        titles[s],
                        page,
                        page,
                        index,
                        text));
                index++;
            }
            page++;
        }
        return chunks;
    }

    public static List<float[]> embed(List<Chunk> chunks) {
        return Embeddings.embedAll(
                embeddingModel(), chunks.stream().map(Chunk::text).toList());
    }
}
