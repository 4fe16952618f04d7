// Answers about texts (policy documents, condition operators, input names) kept for the next
// time the same text is asked about: a large stack asks about the same few again and again.

/**
 * `answer` made once per distinct text, up to `kept` texts at a time: a pack process serves many
 * previews, so when that many are kept they are forgotten and kept afresh. The answers must not
 * be changed by those who ask.
 */
export function memoizedByText<T>(answer: (text: string) => T, kept: number): (text: string) => T {
    const answers = new Map<string, T>();
    return (text) => {
        let found = answers.get(text);
        if (found === undefined) {
            found = answer(text);
            if (answers.size >= kept) {
                answers.clear();
            }
            answers.set(text, found);
        }
        return found;
    };
}
