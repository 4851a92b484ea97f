"""The translated words the themes page and the summary editor's scripts need."""
from flask_babel import gettext as _


def theme_strings():
    """Words for static/js/themes.js; %(name)s placeholders are filled in by the script."""
    return {
        "not_in_theme": _("Not in a theme"),
        "drop_to_ungroup": _("Drop notes here to take them out of their themes."),
        "no_notes": _("No notes on this topic yet."),
        "suggest": _("Suggest themes"),
        "suggested": _("suggested"),
        "selected": _("%(count)s selected"),
        "selection": _("Selected notes"),
        "group_into": _("Group into"),
        "choose_theme": _("– choose a theme –"),
        "group": _("Group"),
        "new_theme_name": _("Name of the new theme (optional)"),
        "new_theme": _("New theme from selected"),
        "remove": _("Take out of theme"),
        "clear_selection": _("Clear selection"),
        "accept": _("Accept"),
        "rename": _("Rename"),
        "theme_name": _("Theme name"),
        "save": _("Save"),
        "cancel": _("Cancel"),
        "merge_into": _("Merge into"),
        "merge": _("Merge"),
        "split": _("Split selected off"),
        "ungroup": _("Ungroup"),
        "confirm_ungroup": _("Ungroup the theme “%(label)s”? Its notes stay, in no theme."),
        "kind_action": _("action"),
        "kind_insight": _("insight"),
        "done_moved": _("Moved to “%(label)s”."),
        "done_created": _("Theme “%(label)s” created."),
        "done_renamed": _("Renamed to “%(label)s”."),
        "done_merged": _("Merged into “%(label)s”."),
        "done_split": _("Split off as “%(label)s”."),
        "done_ungrouped": _("Theme ungrouped."),
        "done_removed": _("Taken out of their themes."),
        "done_accepted": _("Theme “%(label)s” accepted."),
        "done_suggested": _("Themes suggested: %(count)s."),
        "done_nothing": _("No new themes to suggest: the notes in no theme have too little "
                          "in common."),
        "load_failed": _("The themes could not be loaded. Reload the page."),
        "likely_themes": _("Likely themes"),
        "move_to": _("Move to “%(label)s”"),
        "use_label": _("Name it “%(label)s”"),
        "merge_pairs": _("Alike themes to merge, most alike first"),
        "merge_pair": _("Merge “%(source)s” into “%(target)s”"),
        "linked": _("same idea"),
    }


def summary_strings():
    """Words for static/js/summary_editor.js."""
    return {
        "confirm_regenerate": _("The summary has been edited. Regenerating writes it again "
                                "from the workshop and your edits are lost. Regenerate anyway?"),
        "preview_failed": _("The preview could not be updated. Your text is kept."),
    }
