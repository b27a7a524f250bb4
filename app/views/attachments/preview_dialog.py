"""Showing an attachment inside Pol: a PDF page by page (QtPdf), a picture fitted to the window.

Nothing is handed to another program: a file Pol cannot show is only ever saved to disk. The
picture is decoded off the GUI thread (QImage may be built on any thread); the PDF is parsed by
PDFium here, which reads pages lazily and is quick even for a large scan.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.attachments.dto import PDF, AttachmentData, AttachmentInfo
from app.views import formatting, style
from app.views.attachments import words
from app.views.formatting import plain_label


def decode(data: AttachmentData) -> tuple[AttachmentInfo, QImage | bytes]:
    """What the dialog needs, prepared off the GUI thread: a decoded picture or a PDF's bytes."""
    if data.info.kind == PDF:
        return data.info, data.data
    return data.info, QImage.fromData(data.data)


class AttachmentPreviewDialog(QDialog):
    """One attachment shown whole; a damaged one says so instead."""

    def __init__(self, info: AttachmentInfo, payload: QImage | bytes,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentPreview")
        self.setWindowTitle(info.name)
        self.info = info
        self.image: QImage | None = None
        self.document: QPdfDocument | None = None
        self._buffer: QBuffer | None = None
        head = plain_label(f"{words.isolate(info.name)} — {info.kind_label} — {words.size(info.size)}")
        head.setWordWrap(True)
        sha = plain_label(f"{words.SHA_LABEL} {formatting.ltr(info.sha256)}")
        sha.setObjectName("attachmentSha")
        sha.setToolTip(words.COPY_SHA_TIP)
        self.failure = plain_label("")
        self.failure.setWordWrap(True)
        style.set_role(self.failure, "error")
        self.pages = plain_label("")
        self.stack = QStackedWidget()
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.picture)
        self.pdf_view = QPdfView()
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.stack.addWidget(self.scroll)
        self.stack.addWidget(self.pdf_view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(sha)
        layout.addWidget(self.failure)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.pages)
        layout.addWidget(buttons)
        self._show(payload)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(min(900, screen.width() - 80), min(700, screen.height() - 80))

    @property
    def failed(self) -> bool:
        """True when the content could not be shown (damaged)."""
        return bool(self.failure.text())

    def _show(self, payload: QImage | bytes) -> None:
        if isinstance(payload, QImage):
            if payload.isNull():
                self._fail()
                return
            self.image = payload
            self.stack.setCurrentWidget(self.scroll)
            self._fit()
            return
        self.document = QPdfDocument(self)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(payload))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready or self.document.pageCount() < 1:
            self._fail()
            return
        self.pdf_view.setDocument(self.document)
        self.stack.setCurrentWidget(self.pdf_view)
        n = self.document.pageCount()
        self.pages.setText(words.PAGE.format(formatting.number(1), formatting.number(n)))
        self.pdf_view.pageNavigator().currentPageChanged.connect(
            lambda p: self.pages.setText(words.PAGE.format(formatting.number(p + 1),
                                                           formatting.number(n))))

    def _fail(self) -> None:
        self.failure.setText(words.PREVIEW_FAILED)
        self.stack.hide()

    def _fit(self) -> None:
        """The picture at most as large as the window shows, never enlarged."""
        if self.image is None:
            return
        room = self.scroll.viewport().size()
        pix = QPixmap.fromImage(self.image)
        if pix.width() > room.width() or pix.height() > room.height():
            pix = pix.scaled(room, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
        self.picture.setPixmap(pix)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Fit the picture again to the new size."""
        super().resizeEvent(event)
        self._fit()
