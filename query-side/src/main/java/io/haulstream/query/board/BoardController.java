package io.haulstream.query.board;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

/**
 * Serves the board's page at {@code /board/} (its files are static resources under
 * {@code static/board}, bundled by the build) and its configuration, read by the page at start.
 */
@RestController
class BoardController {

    private final BoardProperties properties;

    BoardController(BoardProperties properties) {
        this.properties = properties;
    }

    /** The page's files are named relative to it, so it is always read from the folder's address. */
    @GetMapping("/board")
    ModelAndView folder() {
        return new ModelAndView("redirect:/board/");
    }

    @GetMapping("/board/")
    ModelAndView page() {
        return new ModelAndView("forward:/board/index.html");
    }

    @GetMapping("/board/config.json")
    Map<String, Object> config() {
        return Map.of(
                "baseStyle",
                blankIfUnset(properties.baseStyle()),
                "issuer",
                blankIfUnset(properties.issuer()),
                "clientId",
                blankIfUnset(properties.clientId()));
    }

    private static String blankIfUnset(String value) {
        return value == null ? "" : value.strip();
    }
}
