/** The public API of rag-service: {@code POST /api/search} and {@code POST /api/ask} (API.md "Ask and search"). */
@NullMarked
package io.studilo.rag.web;

import org.jspecify.annotations.NullMarked;
