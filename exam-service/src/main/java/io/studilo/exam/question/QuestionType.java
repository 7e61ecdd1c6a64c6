package io.studilo.exam.question;

/** The four kinds of question, one per level of difficulty (1 easiest). */
public enum QuestionType {
    TRUE_FALSE(1),
    MULTIPLE_CHOICE(2),
    CLOZE(3),
    SHORT_ANSWER(4);

    public static final int MIN_LEVEL = 1;
    public static final int MAX_LEVEL = 4;

    private final int level;

    QuestionType(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }

    public static QuestionType ofLevel(int level) {
        for (QuestionType type : values()) {
            if (type.level == level) {
                return type;
            }
        }
        throw new IllegalArgumentException("no question type for level " + level);
    }
}
